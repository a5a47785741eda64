package com.codexmanager.observability;

import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention: deletes request-log rows older than {@code CODEXMANAGER_REQUEST_LOG_RETENTION_DAYS} (read from the
 * live settings on each run). Hourly totals are never pruned here: the writer keeps them up to date as rows
 * arrive, so totals survive. Runs every {@link #INTERVAL} on the given scheduler, which it owns and shuts down
 * in {@link #close}. Thread-safe.
 */
public final class RequestLogMaintenance implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RequestLogMaintenance.class);
    static final Duration INTERVAL = Duration.ofHours(1);
    static final Duration FIRST_RUN = Duration.ofMinutes(1);

    private final RequestLogRepository repository;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> task;

    RequestLogMaintenance(RequestLogRepository repository, Supplier<Settings> settings, Clock clock,
            ScheduledExecutorService scheduler) {
        this.repository = repository;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    synchronized void start() {
        if (task == null) {
            task = scheduler.scheduleWithFixedDelay(this::runSafely, FIRST_RUN.toMillis(), INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Deletes expired rows now; returns how many. */
    public long runOnce() {
        long days = settings.get().number(Setting.REQUEST_LOG_RETENTION_DAYS);
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        long deleted = repository.deleteOlderThan(cutoff);
        if (deleted > 0) {
            log.info("Request-log retention: deleted {} rows older than {} days", deleted, days);
        }
        return deleted;
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Request-log retention failed; retrying in {}: {}", INTERVAL, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Request-log maintenance did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
