package com.codexmanager.gateway.port;

import com.codexmanager.gateway.routing.PoolSnapshot;
import java.time.Instant;

/**
 * What the gateway needs from the account pool. Implemented by the accounts feature; implementations are
 * thread-safe and fast ({@link #snapshot()} is called on every request and must not hit the database).
 */
public interface AccountPool {
    /** The current routable view of all accounts. */
    PoolSnapshot snapshot();

    /**
     * Rebuilds the snapshot from the current accounts and usage; the gateway calls it from a background job, never
     * from a request. The default does nothing (for pools whose snapshot is always current).
     */
    default void refreshSnapshot() {
    }

    /** Fresh credentials (refreshing first when the access token is expired). */
    Credentials credentials(String accountId) throws CredentialsUnavailableException;

    /**
     * Called after the upstream answered 401 to {@code rejected}: refreshes once (single-flight per account) and
     * returns new credentials, or throws when the refresh failed permanently.
     */
    Credentials refreshAfterUnauthorized(String accountId, Credentials rejected)
            throws CredentialsUnavailableException;

    /** The upstream said this account's quota is spent until {@code resetsAt}. */
    void markUsageLimited(String accountId, Instant resetsAt);

    /** The account served a request successfully. */
    void markUsed(String accountId, Instant at);
}
