package com.codexmanager.gateway.port;

import java.time.Instant;
import java.util.Map;

/**
 * Tokens and requests of each key from the request log. At start, {@link #tokensSince} seeds the daily token limits
 * with what this instance counted before; on a database shared by several instances, {@link #othersSince} tells
 * every couple of seconds what the other instances counted, so a key's limits hold for the whole team, not per
 * instance. Implemented by the request-log feature; both query the database, never on the request path.
 * Thread-safe.
 */
public interface KeyTokenHistory {
    /** What the other instances of a shared database did with each key. Immutable. */
    record Others(Map<String, Long> tokens, Map<String, Long> recentRequests) {
        public static final Others NONE = new Others(Map.of(), Map.of());

        public Others {
            tokens = Map.copyOf(tokens);
            recentRequests = Map.copyOf(recentRequests);
        }
    }

    /** Input plus output tokens per key id since {@code from}; keys without requests are absent. */
    Map<String, Long> tokensSince(Instant from);

    /**
     * Tokens per key since {@code from} and requests per key started since {@code recentFrom}, served by the other
     * instances of a shared database; {@link Others#NONE} when nobody else shares it.
     */
    default Others othersSince(Instant from, Instant recentFrom) {
        return Others.NONE;
    }

    /** Whether other instances may serve the same keys (a shared database). */
    default boolean shared() {
        return false;
    }

    KeyTokenHistory NONE = from -> Map.of();
}
