package com.codexmanager.observability;

import com.codexmanager.concurrent.Executors2;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Roll-up and retention: every {@link #INTERVAL} adds new request-log rows to the hourly totals, then deletes rows
 * older than {@code CODEXMANAGER_REQUEST_LOG_RETENTION_DAYS} (read from the live settings on each run). Only
 * rolled-up rows are deleted and the hourly totals are kept, so totals survive. Runs every {@link #INTERVAL} on the given scheduler, which it owns and shuts down
 * in {@link #close}. Thread-safe.
 */
public final class RequestLogMaintenance implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RequestLogMaintenance.class);
    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final Duration FIRST_RUN = Duration.ofMinutes(1);

    private final HourlyTotals totals;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final BooleanSupplier runsHere;
    private ScheduledFuture<?> task;

    /** @param runsHere whether this instance does the maintenance now (its job lease on a shared database) */
    RequestLogMaintenance(HourlyTotals totals, Supplier<Settings> settings, Clock clock,
            ScheduledExecutorService scheduler, BooleanSupplier runsHere) {
        this.runsHere = runsHere;
        this.totals = totals;
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

    /** Rolls up new rows into the hourly totals, then deletes expired rows; returns how many were deleted. */
    public long runOnce() {
        long days = settings.get().number(Setting.REQUEST_LOG_RETENTION_DAYS);
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        long deleted = totals.pruneOlderThan(cutoff);
        if (deleted > 0) {
            log.info("Request-log retention: deleted {} rows older than {} days", deleted, days);
        }
        return deleted;
    }

    private void runSafely() {
        try {
            if (runsHere.getAsBoolean()) {
                runOnce();
            }
        } catch (RuntimeException e) {
            log.warn("Request-log maintenance failed; retrying in {}: {}", INTERVAL, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        Executors2.stop(scheduler, Duration.ofSeconds(2), "Request-log maintenance");
    }
}
