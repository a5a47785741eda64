package com.codexmanager.auth;

import com.codexmanager.account.AccountSecrets;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountStatus;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.crypto.SecretUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background refresh: every {@code TOKEN_REFRESH_POLL_INTERVAL_SECS} (read live) it refreshes the accounts whose
 * access token expires soon, through the {@link TokenRefresher} (so it shares single flight and the concurrency
 * limit with the gateway).
 *
 * <p>Refreshes are spread out so that many accounts never rotate at once: each account is due a little earlier
 * than {@code TOKEN_REFRESH_AHEAD_SECS} by a fixed amount derived from its id (up to a quarter more), and the
 * refreshes of one round start one after another with a jittered gap of about a second divided by the refresh
 * concurrency. Accounts in backoff or not active are not picked.
 *
 * <p>Owns a scheduler thread and {@code TOKEN_REFRESH_CONCURRENCY} worker threads; {@link #close()} stops them
 * without interrupting a refresh (its database write must finish). Thread-safe.
 */
public final class RefreshScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RefreshScheduler.class);
    static final int BATCH_LIMIT = 512;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final TokenRefresher refresher;
    private final AccountSecrets secrets;
    private final AccountService accounts;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopSignal = lock.newCondition();
    private final BooleanSupplier runsHere;
    private volatile boolean stopped;

    /**
     * @param runsHere whether this instance runs the background refresh now (its job lease, when instances share a
     *                 database; on-demand refreshes happen everywhere)
     */
    public RefreshScheduler(TokenRefresher refresher, AccountSecrets secrets, AccountService accounts,
            Supplier<Settings> settings, Clock clock, BooleanSupplier runsHere) {
        this.runsHere = runsHere;
        this.refresher = refresher;
        this.secrets = secrets;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
        ScheduledThreadPoolExecutor ticks = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "token-refresh"));
        ticks.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = ticks;
        AtomicInteger ids = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(refresher.concurrency(),
                r -> daemon(r, "token-refresh-" + ids.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        scheduleNext(1);
    }

    private void scheduleNext(long delaySeconds) {
        if (!stopped) {
            scheduler.schedule(this::tick, delaySeconds, TimeUnit.SECONDS);
        }
    }

    private void tick() {
        try {
            if (runsHere.getAsBoolean()) {
                runOnce();
            }
        } catch (RuntimeException e) {
            log.warn("Token refresh round failed: {}", e.getMessage());
        } finally {
            scheduleNext(settings.get().number(Setting.TOKEN_REFRESH_POLL_INTERVAL_SECS));
        }
    }

    /**
     * One round: starts the refresh of every due account, paced; returns how many were started. The refreshes
     * themselves finish on the worker threads.
     */
    public int runOnce() {
        long ahead = settings.get().number(Setting.TOKEN_REFRESH_AHEAD_SECS);
        Instant now = clock.instant();
        List<String> due = secrets.dueForRefresh(now.plusSeconds(ahead + spreadSeconds(ahead)), BATCH_LIMIT);
        int started = 0;
        for (String accountId : due) {
            if (stopped) {
                break;
            }
            Instant horizon = clock.instant().plusSeconds(ahead + offsetSeconds(accountId, ahead));
            if (started > 0 && !pause()) {
                break;
            }
            workers.execute(() -> refresh(accountId, horizon));
            started++;
        }
        return started;
    }

    private void refresh(String accountId, Instant horizon) {
        if (stopped) {
            return;
        }
        try {
            refresher.ensureFresh(accountId, horizon, "scheduled");
        } catch (TokenRefreshException e) {
            log.debug("Scheduled refresh of {} did not succeed: {}", accountId, e.reason());
        } catch (SecretUnavailableException e) {
            accounts.markStatus(accountId, AccountStatus.UNAVAILABLE, "secret_unavailable");
            log.warn("Account {} tokens cannot be decrypted; marked unavailable until a new login", accountId);
        } catch (RuntimeException e) {
            log.warn("Scheduled refresh of {} failed: {}", accountId, e.toString());
        }
    }

    /** How much earlier than TOKEN_REFRESH_AHEAD_SECS an account may be refreshed at most. */
    static long spreadSeconds(long aheadSeconds) {
        return aheadSeconds / 4;
    }

    /** The account's own share of the spread: fixed per account, so its refresh time does not wander. */
    static long offsetSeconds(String accountId, long aheadSeconds) {
        long spread = spreadSeconds(aheadSeconds);
        return spread == 0 ? 0 : Math.floorMod(accountId.hashCode() * 0x9E3779B1L, spread + 1);
    }

    /** Waits the gap between two starts; false when the scheduler was stopped meanwhile. */
    private boolean pause() {
        long gapMillis = 1000L / refresher.concurrency();
        long jittered = gapMillis / 2 + ThreadLocalRandom.current().nextLong(gapMillis + 1);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(jittered);
        lock.lock();
        try {
            long remaining;
            while (!stopped && (remaining = deadline - System.nanoTime()) > 0) {
                stopSignal.awaitNanos(remaining);
            }
            return !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        stopped = true;
        lock.lock();
        try {
            stopSignal.signalAll();
        } finally {
            lock.unlock();
        }
        // no shutdownNow: an interrupt could land in the middle of saving rotated tokens
        scheduler.shutdown();
        workers.shutdown();
        try {
            if (!scheduler.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    || !workers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Token refresh threads did not stop within {} s", STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
