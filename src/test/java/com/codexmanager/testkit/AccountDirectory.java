package com.codexmanager.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fake's accounts and the browser's current sign-in. Thread-safe: one monitor guards the map, the
 * numbering and the sign-in.
 */
final class AccountDirectory {
    private final FakeUpstreamOptions options;
    private final TokenRegistry tokens;
    private final Map<String, FakeAccount> accounts = new LinkedHashMap<>();
    private int created;
    private FakeAccount signedIn;

    AccountDirectory(FakeUpstreamOptions options, TokenRegistry tokens) {
        this.options = options;
        this.tokens = tokens;
    }

    /** Creates the account, fills in missing ids and issues its first token set. */
    FakeAccount create(AccountSpec spec) {
        FakeAccount account;
        synchronized (this) {
            int number = ++created;
            AccountSpec complete = spec.toBuilder()
                    .accountId(spec.accountId() != null ? spec.accountId()
                            : String.format("5b2b6a2e-0000-4000-8000-%012d", number))
                    .userId(spec.userId() != null ? spec.userId() : String.format("user-FAKE%04d", number))
                    .email(spec.email() != null ? spec.email() : "dev" + number + "@example.test")
                    .build();
            if (accounts.containsKey(complete.accountId())) {
                throw new IllegalArgumentException("account already exists: " + complete.accountId());
            }
            account = new FakeAccount(complete, options, tokens);
            accounts.put(account.accountId(), account);
        }
        tokens.issue(account, true, true);
        return account;
    }

    synchronized Optional<FakeAccount> find(String accountId) {
        return Optional.ofNullable(accountId == null ? null : accounts.get(accountId));
    }

    FakeAccount require(String accountId) {
        return find(accountId).orElseThrow(() -> new IllegalArgumentException("no such account: " + accountId));
    }

    synchronized List<FakeAccount> all() {
        return List.copyOf(new ArrayList<>(accounts.values()));
    }

    /** The account the next sign-ins use; null returns to "a new account per sign-in". */
    synchronized void signInAs(FakeAccount account) {
        this.signedIn = account;
    }

    /** The signed-in account, or a freshly created default account when none is set. */
    FakeAccount accountForSignIn() {
        synchronized (this) {
            if (signedIn != null) {
                return signedIn;
            }
        }
        return create(AccountSpec.DEFAULT);
    }
}
