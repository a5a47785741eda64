package com.codexmanager.account;

/** No account has this id. The message names the id only. */
public final class AccountNotFoundException extends RuntimeException {
    private final String accountId;

    public AccountNotFoundException(String accountId) {
        super("account not found: " + accountId);
        this.accountId = accountId;
    }

    public String accountId() {
        return accountId;
    }
}
