package com.codexmanager.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream base URLs whose WebSocket upgrades are not tried for a while, their turns going over HTTP SSE: one
 * that refused an upgrade lately (426, or another status that says the endpoint does not speak WebSocket) for
 * {@link #HTTP_ONLY_FOR}, and one whose upgrades failed {@link #FAILURES_IN_A_ROW} times in a row (timeouts, resets,
 * TLS errors, unexpected statuses) for {@link #AFTER_FAILURES_FOR}, so that a broken path does not cost every turn a
 * handshake. A successful upgrade resets the count. Each period is logged once at info, naming the base URL only.
 * Bounded by the few base URLs the settings name. Thread-safe.
 */
final class SocketFallbacks {
    static final Duration HTTP_ONLY_FOR = Duration.ofMinutes(15);
    static final Duration AFTER_FAILURES_FOR = Duration.ofMinutes(5);
    static final int FAILURES_IN_A_ROW = 3;
    private static final Logger log = LoggerFactory.getLogger(SocketFallbacks.class);

    private final ConcurrentHashMap<String, Instant> until = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> failures = new ConcurrentHashMap<>();

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

    /** The upgrade was refused with a status that says the endpoint has no WebSocket. */
    void remember(String baseUrl, Instant now) {
        failures.remove(baseUrl);
        if (until.put(baseUrl, now.plus(HTTP_ONLY_FOR)) == null) {
            log.info("The upstream {} refused the WebSocket upgrade; its turns go over HTTP SSE for {} min", baseUrl,
                    HTTP_ONLY_FOR.toMinutes());
        }
    }

    /** The upgrade failed without a refusal; after {@link #FAILURES_IN_A_ROW} of them the base URL rests. */
    void failed(String baseUrl, Instant now) {
        int count = failures.merge(baseUrl, 1, Integer::sum);
        if (count >= FAILURES_IN_A_ROW) {
            failures.remove(baseUrl);
            if (until.put(baseUrl, now.plus(AFTER_FAILURES_FOR)) == null) {
                log.info("{} WebSocket upgrades to the upstream {} failed in a row; its turns go over HTTP SSE for "
                        + "{} min", count, baseUrl, AFTER_FAILURES_FOR.toMinutes());
            }
        }
    }

    /** An upgrade succeeded: earlier failures no longer count. */
    void opened(String baseUrl) {
        failures.remove(baseUrl);
    }
}
