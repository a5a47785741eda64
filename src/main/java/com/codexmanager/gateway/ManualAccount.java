package com.codexmanager.gateway;

/** The manually preferred account ({@code gateway/manualAccount/*}), tried first while usable. Thread-safe. */
final class ManualAccount {
    private volatile String accountId;

    String get() {
        return accountId;
    }

    void set(String accountId) {
        this.accountId = accountId;
    }
}
