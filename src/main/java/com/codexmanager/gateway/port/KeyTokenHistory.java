package com.codexmanager.gateway.port;

import java.time.Instant;
import java.util.Map;

/**
 * Tokens each key has used since an instant, from the request log: seeds the daily token limits at start.
 * Implemented by the request-log feature; may query the database (called once, at start). Thread-safe.
 */
@FunctionalInterface
public interface KeyTokenHistory {
    /** Input plus output tokens per key id since {@code from}; keys without requests are absent. */
    Map<String, Long> tokensSince(Instant from);

    KeyTokenHistory NONE = from -> Map.of();
}
