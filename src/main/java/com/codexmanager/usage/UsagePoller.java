package com.codexmanager.usage;

import com.codexmanager.concurrent.Executors2;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage poller: every {@code USAGE_POLL_INTERVAL_SECS} (read live, at least 30 s) plus 0–5 s of jitter it
 * refreshes every refreshable account that is not in failure backoff, on the bounded {@link UsageWorkers} pool, then
 * prunes old history. {@code DISABLE_POLLING} (read live) skips rounds. Rounds run on the injected scheduler, one
 * at a time; {@link #runOnce()} may also be called directly (tests, with the scheduler idle). Thread-safe; owns the
 * scheduler and shuts it down in {@link #close()}.
 */
final class UsagePoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UsagePoller.class);
    static final Duration FIRST_ROUND_DELAY = Duration.ofSeconds(10);
    static final Duration MAX_JITTER = Duration.ofSeconds(5);
    /** A round gives up waiting after this; the refreshes themselves are bounded by the client's timeouts. */
    static final Duration ROUND_TIMEOUT = Duration.ofMinutes(15);

    private final UsageService usage;
    private final UsageWorkers workers;
    private final Supplier<Settings> settings;
    private final ScheduledExecutorService scheduler;
    private final RandomGenerator random;
    private final BooleanSupplier runsHere;

    /** @param runsHere whether this instance runs the poller now (its job lease, when instances share a database) */
    UsagePoller(UsageService usage, UsageWorkers workers, Supplier<Settings> settings,
            ScheduledExecutorService scheduler, RandomGenerator random, BooleanSupplier runsHere) {
        this.runsHere = runsHere;
        this.usage = usage;
        this.workers = workers;
        this.settings = settings;
        this.scheduler = scheduler;
        this.random = random;
    }

    void start() {
        schedule(FIRST_ROUND_DELAY);
    }

    static Duration interval(Settings settings) {
        return Duration.ofSeconds(Math.max(30, settings.number(Setting.USAGE_POLL_INTERVAL_SECS)));
    }

    static boolean enabled(Settings settings) {
        return !settings.enabled(Setting.DISABLE_POLLING);
    }

    private void schedule(Duration delay) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        try {
            if (enabled(settings.get()) && runsHere.getAsBoolean()) {
                PollRound round = runOnce();
                log.debug("Usage poll round: {}", round);
            }
        } catch (RuntimeException e) {
            log.warn("Usage poll round failed: {}", e.getMessage());
        } finally {
            schedule(interval(settings.get()).plusMillis(random.nextLong(MAX_JITTER.toMillis() + 1)));
        }
    }

    /** One round over every due account; waits until its refreshes finished (bounded by {@link #ROUND_TIMEOUT}). */
    PollRound runOnce() {
        Duration interval = interval(settings.get());
        List<CompletableFuture<UsageSnapshot>> futures = new ArrayList<>();
        int inBackoff = 0;
        for (String accountId : usage.refreshableAccountIds()) {
            if (workers.due(accountId)) {
                futures.add(workers.submit(accountId, interval));
            } else {
                inBackoff++;
            }
        }
        awaitAll(futures);
        int failed = (int) futures.stream().filter(f -> !f.isDone() || f.isCompletedExceptionally()).count();
        int pruned = usage.pruneHistory();
        if (pruned > 0) {
            log.debug("Pruned {} usage snapshots", pruned);
        }
        return new PollRound(futures.size(), futures.size() - failed, failed, inBackoff);
    }

    private static void awaitAll(List<CompletableFuture<UsageSnapshot>> futures) {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
        try {
            all.get(ROUND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Individual failures are counted by the caller from each future.
        } catch (TimeoutException e) {
            log.warn("Usage poll round still running after {} s; not waiting longer", ROUND_TIMEOUT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Executors2.stop(scheduler, Duration.ofSeconds(2), "Usage poller");
    }
}
