package com.codexmanager.observability;

/**
 * Request-log totals of one platform key over a time range. Immutable.
 *
 * @param errors       requests answered with a status of 400 or more (refusals by the gateway included)
 * @param inputTokens  input tokens as the upstream reported them (cached ones included)
 */
public record KeyTotals(String keyId, long requests, long errors, long inputTokens, long cachedInputTokens,
        long outputTokens) {
    public static KeyTotals empty(String keyId) {
        return new KeyTotals(keyId, 0, 0, 0, 0, 0);
    }

    KeyTotals plus(KeyTotals other) {
        return new KeyTotals(keyId, requests + other.requests, errors + other.errors,
                inputTokens + other.inputTokens, cachedInputTokens + other.cachedInputTokens,
                outputTokens + other.outputTokens);
    }

    /** Input plus output tokens: what a key's daily token limit counts. */
    public long tokens() {
        return inputTokens + outputTokens;
    }
}
