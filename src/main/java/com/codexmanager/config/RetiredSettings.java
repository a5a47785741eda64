package com.codexmanager.config;

import java.util.Map;
import java.util.Optional;

/**
 * Variables the seed had that no longer do anything here, with what to use instead. A machine that still sets one
 * gets one warning at start naming it, not silence and not an "unknown setting".
 */
public final class RetiredSettings {
    private static final String THREADS = "the HTTP server sizes its threads itself; the gateway's concurrency is "
            + "CODEXMANAGER_GATEWAY_MAX_INFLIGHT";
    private static final Map<String, String> RETIRED = Map.of(
            "CODEXMANAGER_HTTP_WORKER_FACTOR", THREADS,
            "CODEXMANAGER_HTTP_WORKER_MIN", THREADS,
            "CODEXMANAGER_HTTP_QUEUE_FACTOR", THREADS,
            "CODEXMANAGER_HTTP_QUEUE_MIN", THREADS);

    private RetiredSettings() {
    }

    /** @return why the variable is ignored and what replaces it, or empty when it is not a retired one */
    public static Optional<String> replacement(String envName) {
        return Optional.ofNullable(RETIRED.get(envName));
    }

    /** The warning for a retired variable that is set. */
    public static Optional<String> warning(String envName) {
        return replacement(envName).map(why -> envName + " no longer has an effect and is ignored: " + why);
    }

    static Iterable<String> names() {
        return RETIRED.keySet();
    }
}
