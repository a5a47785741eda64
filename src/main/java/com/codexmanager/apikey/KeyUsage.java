package com.codexmanager.apikey;

import java.time.Instant;

/**
 * What a key did between {@code from} (inclusive) and {@code to} (exclusive), from the request log: the answer of
 * {@code apikey/usage}. Immutable.
 *
 * @param errors      requests answered with a status of 400 or more, the gateway's own refusals included
 * @param inputTokens input tokens (cached ones included, as the upstream counts them)
 */
public record KeyUsage(String id, Instant from, Instant to, long requests, long inputTokens,
        long cachedInputTokens, long outputTokens, long errors) {
}
