package com.codexmanager.auth;

import com.codexmanager.account.AccountSecrets;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountStatus;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.crypto.SecretUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background refresh: every {@code TOKEN_REFRESH_POLL_INTERVAL_SECS} (read live) it refreshes the accounts whose
 * access token expires within {@code TOKEN_REFRESH_AHEAD_SECS}, one at a time, through the {@link TokenRefresher}
 * (so it shares single flight with the gateway). Accounts in backoff or not active are not picked. Owns one named
 * thread; {@link #close()} stops it with a bounded wait. Thread-safe.
 */
public final class RefreshScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RefreshScheduler.class);
    static final int BATCH_LIMIT = 512;

    private final TokenRefresher refresher;
    private final AccountSecrets secrets;
    private final AccountService accounts;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "token-refresh");
        t.setDaemon(true);
        return t;
    });

    public RefreshScheduler(TokenRefresher refresher, AccountSecrets secrets, AccountService accounts,
            Supplier<Settings> settings, Clock clock) {
        this.refresher = refresher;
        this.secrets = secrets;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    public void start() {
        scheduleNext(1);
    }

    private void scheduleNext(long delaySeconds) {
        if (!executor.isShutdown()) {
            executor.schedule(this::tick, delaySeconds, TimeUnit.SECONDS);
        }
    }

    private void tick() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Token refresh round failed: {}", e.getMessage());
        } finally {
            scheduleNext(settings.get().number(Setting.TOKEN_REFRESH_POLL_INTERVAL_SECS));
        }
    }

    /** One round: refreshes every due account; returns how many were refreshed. */
    public int runOnce() {
        Instant horizon = clock.instant().plusSeconds(settings.get().number(Setting.TOKEN_REFRESH_AHEAD_SECS));
        List<String> due = secrets.dueForRefresh(horizon, BATCH_LIMIT);
        int refreshed = 0;
        for (String accountId : due) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            try {
                refresher.ensureFresh(accountId);
                refreshed++;
            } catch (TokenRefreshException e) {
                log.debug("Scheduled refresh of {} did not succeed: {}", accountId, e.reason());
            } catch (SecretUnavailableException e) {
                accounts.markStatus(accountId, AccountStatus.UNAVAILABLE, "secret_unavailable");
                log.warn("Account {} tokens cannot be decrypted; marked unavailable until a new login", accountId);
            }
        }
        return refreshed;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Token refresh thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
