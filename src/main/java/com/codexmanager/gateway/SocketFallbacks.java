package com.codexmanager.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The upstream base URLs that refused a WebSocket upgrade lately (426, or another status that says the endpoint
 * does not speak WebSocket): their turns go over HTTP SSE for {@link #HTTP_ONLY_FOR} before the upgrade is tried
 * again. Bounded by the few base URLs the settings name. Thread-safe.
 */
final class SocketFallbacks {
    static final Duration HTTP_ONLY_FOR = Duration.ofMinutes(15);

    private final ConcurrentHashMap<String, Instant> until = new ConcurrentHashMap<>();

    boolean httpOnly(String baseUrl, Instant now) {
        Instant end = until.get(baseUrl);
        if (end == null) {
            return false;
        }
        if (now.isBefore(end)) {
            return true;
        }
        until.remove(baseUrl, end);
        return false;
    }

    void remember(String baseUrl, Instant now) {
        until.put(baseUrl, now.plus(HTTP_ONLY_FOR));
    }
}
