package com.codexmanager.usage;

import com.codexmanager.concurrent.Executors2;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs usage refreshes on a bounded pool, at most one per account at a time (a second request for an account whose
 * refresh is queued or running gets the same future), and keeps the per-account failure backoff: after n failures in
 * a row the poller skips the account until {@code interval × 2ⁿ} (at most {@link #MAX_BACKOFF}, but never less than
 * one interval) has passed; a success resets it. The poller, "refresh all" and the refresh after adding accounts all
 * go through here. Thread-safe; owns the executor it is given and shuts it down in {@link #close()}.
 */
final class UsageWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UsageWorkers.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    private final UsageService usage;
    private final ExecutorService executor;
    private final Clock clock;
    private final Map<String, CompletableFuture<UsageSnapshot>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** Failures in a row and when the poller may try again. */
    record Failures(int count, Instant nextAttemptAt) {
    }

    UsageWorkers(UsageService usage, ExecutorService executor, Clock clock) {
        this.usage = usage;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Queues a refresh of the account unless one is queued or running. The future completes with the snapshot or
     * exceptionally with the failure ({@link UsageFetchException}, account not found, store error).
     */
    CompletableFuture<UsageSnapshot> submit(String accountId, Duration pollInterval) {
        CompletableFuture<UsageSnapshot> mine = new CompletableFuture<>();
        CompletableFuture<UsageSnapshot> running = inFlight.putIfAbsent(accountId, mine);
        if (running != null) {
            return running;
        }
        try {
            executor.execute(() -> run(accountId, pollInterval, mine));
        } catch (RejectedExecutionException e) {
            inFlight.remove(accountId, mine);
            mine.completeExceptionally(e);
        }
        return mine;
    }

    private void run(String accountId, Duration pollInterval, CompletableFuture<UsageSnapshot> future) {
        UsageSnapshot snapshot = null;
        Throwable failure = null;
        try {
            snapshot = usage.refresh(accountId);
            failures.remove(accountId);
        } catch (RuntimeException | Error e) {
            failure = e;
            Failures next = failed(accountId, pollInterval);
            log.debug("Usage refresh of {} failed ({} in a row, next poll not before {}): {}", accountId,
                    next.count(), next.nextAttemptAt(), e.getMessage());
        } finally {
            // Leave the in-flight map before completing, so a caller woken by the future can queue a new refresh.
            inFlight.remove(accountId, future);
        }
        if (failure == null) {
            future.complete(snapshot);
        } else {
            future.completeExceptionally(failure);
            if (failure instanceof Error error) {
                throw error;
            }
        }
    }

    private Failures failed(String accountId, Duration pollInterval) {
        return failures.compute(accountId, (id, before) -> {
            int count = before == null ? 1 : before.count() + 1;
            return new Failures(count, clock.instant().plus(backoff(count, pollInterval)));
        });
    }

    static Duration backoff(int failuresInARow, Duration pollInterval) {
        Duration cap = MAX_BACKOFF.compareTo(pollInterval) > 0 ? MAX_BACKOFF : pollInterval;
        Duration wait = pollInterval.multipliedBy(1L << Math.min(failuresInARow, 16));
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    /** Whether the poller may try the account now (not in backoff). */
    boolean due(String accountId) {
        Failures f = failures.get(accountId);
        return f == null || !clock.instant().isBefore(f.nextAttemptAt());
    }

    /** The account's failure state; empty when its last refresh succeeded or it never failed. */
    java.util.Optional<Failures> failures(String accountId) {
        return java.util.Optional.ofNullable(failures.get(accountId));
    }

    @Override
    public void close() {
        Executors2.stop(executor, Duration.ofSeconds(2), "Usage workers");
    }
}
