package com.codexmanager.server;

import com.codexmanager.config.HostPort;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import java.time.Duration;

/**
 * Sizing of the HTTP server derived from settings. Immutable.
 *
 * @param minThreads     threads kept ready: max(HTTP_WORKER_MIN, cores × HTTP_WORKER_FACTOR)
 * @param maxThreads     platform-thread cap on JDK 17 (streams hold a thread each); unused with virtual threads
 * @param acceptQueue    TCP backlog: max(HTTP_QUEUE_MIN, minThreads × HTTP_QUEUE_FACTOR, 1024)
 * @param maxBodyBytes   the largest request body any route accepts
 * @param stopTimeout    Jetty's own grace at stop; the service drains requests before (SHUTDOWN_DRAIN_SECS)
 */
public record HttpServerOptions(HostPort address, int minThreads, int maxThreads, int acceptQueue, long maxBodyBytes,
        Duration stopTimeout) {
    public static final long RPC_MAX_BODY_BYTES = 16L * 1024 * 1024;

    public static HttpServerOptions from(Settings settings, int cores) {
        int minThreads = (int) Math.max(settings.number(Setting.HTTP_WORKER_MIN),
                (long) cores * settings.number(Setting.HTTP_WORKER_FACTOR));
        int maxThreads = Math.max(minThreads, 2000);
        int acceptQueue = (int) Math.min(65_535, Math.max(1024, Math.max(settings.number(Setting.HTTP_QUEUE_MIN),
                (long) minThreads * settings.number(Setting.HTTP_QUEUE_FACTOR))));
        long maxBody = Math.max(settings.number(Setting.FRONT_PROXY_MAX_BODY_BYTES), RPC_MAX_BODY_BYTES);
        return new HttpServerOptions(settings.address(Setting.SERVICE_ADDR), minThreads, maxThreads, acceptQueue,
                maxBody, Duration.ofSeconds(1));
    }
}
