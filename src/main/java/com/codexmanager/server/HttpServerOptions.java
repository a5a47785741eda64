package com.codexmanager.server;

import com.codexmanager.config.HostPort;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import java.time.Duration;

/**
 * Sizing of the HTTP server derived from settings. Immutable.
 *
 * @param minThreads     threads kept ready: max(8, cores × 4)
 * @param maxThreads     thread cap (a stream holds a thread): GATEWAY_MAX_INFLIGHT plus room for RPC, metrics and
 *                       refusals, so the gateway's own limit is met before the pool's
 * @param acceptQueue    TCP backlog of the listening socket
 * @param maxBodyBytes   the largest request body any route accepts
 * @param stopTimeout    Jetty's own grace at stop; the service drains requests before (SHUTDOWN_DRAIN_SECS)
 */
public record HttpServerOptions(HostPort address, int minThreads, int maxThreads, int acceptQueue, long maxBodyBytes,
        Duration stopTimeout) {
    public static final long RPC_MAX_BODY_BYTES = 16L * 1024 * 1024;
    /** Threads beyond the gateway's limit: RPC, /metrics, health and the quick 503s of refused requests. */
    private static final int CONTROL_THREADS = 256;
    private static final int ACCEPT_QUEUE = 1024;

    public static HttpServerOptions from(Settings settings, int cores) {
        int minThreads = Math.max(8, cores * 4);
        int maxThreads = Math.max(minThreads, settings.integer(Setting.GATEWAY_MAX_INFLIGHT) + CONTROL_THREADS);
        long maxBody = Math.max(settings.number(Setting.FRONT_PROXY_MAX_BODY_BYTES), RPC_MAX_BODY_BYTES);
        return new HttpServerOptions(settings.address(Setting.SERVICE_ADDR), minThreads, maxThreads, ACCEPT_QUEUE,
                maxBody, Duration.ofSeconds(1));
    }
}
