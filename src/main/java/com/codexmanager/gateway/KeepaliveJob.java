package com.codexmanager.gateway;

import com.codexmanager.gateway.models.ModelCatalog;
import com.codexmanager.gateway.port.AccountPool;
import com.codexmanager.gateway.port.CredentialsUnavailableException;
import com.codexmanager.gateway.routing.PoolAccount;

/**
 * The periodic keepalive ({@code GATEWAY_KEEPALIVE_INTERVAL_SECS}): asks the pool for each routable account's
 * credentials, which refreshes tokens that are about to expire, and revalidates the model list, which keeps a
 * warm connection to the backend. It never sends a model request, so it spends no quota.
 */
final class KeepaliveJob implements Runnable {
    private static final int MAX_ACCOUNTS_PER_RUN = 500;

    private final AccountPool pool;
    private final ModelCatalog catalog;

    KeepaliveJob(AccountPool pool, ModelCatalog catalog) {
        this.pool = pool;
        this.catalog = catalog;
    }

    @Override
    public void run() {
        int touched = 0;
        for (PoolAccount account : pool.snapshot().routable(null)) {
            if (touched++ >= MAX_ACCOUNTS_PER_RUN) {
                break;
            }
            try {
                pool.credentials(account.id());
            } catch (CredentialsUnavailableException e) {
                // the account feature has already recorded why; routing skips it
            }
        }
        catalog.refreshAsync();
    }
}
