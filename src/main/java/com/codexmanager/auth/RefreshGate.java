package com.codexmanager.auth;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many token refreshes run at once ({@code TOKEN_REFRESH_CONCURRENCY}), background and on-demand
 * alike. A refresh holds a permit from just before it calls the issuer until its new tokens are committed, so a
 * crash can lose at most that many rotations. Fair, so a burst is served in arrival order. Thread-safe.
 */
final class RefreshGate {
    private final Semaphore permits;
    private final int size;

    RefreshGate(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("refresh concurrency must be positive: " + size);
        }
        this.size = size;
        this.permits = new Semaphore(size, true);
    }

    /** A held permit; close it once. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits up to {@code timeout} for a permit.
     *
     * @throws TokenRefreshException (transient) when none frees up in time or the thread is interrupted
     */
    Permit acquire(String accountId, Duration timeout) {
        try {
            if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TokenRefreshException(TokenRefreshException.Kind.TRANSIENT, accountId, "refresh_busy",
                        "too many token refreshes at once; account " + accountId + " waited " + timeout.toSeconds()
                                + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRefreshException(TokenRefreshException.Kind.TRANSIENT, accountId, "interrupted",
                    "interrupted while waiting to refresh account " + accountId, e);
        }
        return permits::release;
    }

    int size() {
        return size;
    }

    /** Refreshes running now. */
    int running() {
        return size - permits.availablePermits();
    }
}
