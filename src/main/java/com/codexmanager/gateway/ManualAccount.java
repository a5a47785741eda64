package com.codexmanager.gateway;

import com.codexmanager.gateway.state.PinRepository;
import java.time.Clock;

/**
 * The account pinned by quick switch ({@code gateway/manualAccount/*}): while usable it serves every request,
 * ongoing conversations included, under every strategy, until cleared. Read on every request from memory; saved
 * on change, so the pin survives a restart. Thread-safe.
 */
final class ManualAccount {
    private final PinRepository store;
    private final Clock clock;
    private volatile String accountId;

    ManualAccount(PinRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.accountId = store.load().orElse(null);
    }

    String get() {
        return accountId;
    }

    /** Reads the pin again, e.g. after another instance of a shared database set or cleared it. */
    synchronized void reload() {
        this.accountId = store.load().orElse(null);
    }

    /** @param accountId the account to pin, or {@code null} for automatic routing */
    synchronized void set(String accountId) {
        store.save(accountId, clock.instant());
        this.accountId = accountId;
    }
}
