package com.codexmanager.account.rpc;

import com.codexmanager.account.Account;
import com.codexmanager.account.AccountProxies;
import com.codexmanager.account.AccountRepository;
import com.codexmanager.account.AccountSecrets;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.exporting.AccountExporter;
import com.codexmanager.account.importing.AccountImporter;
import com.codexmanager.config.Settings;
import com.codexmanager.crypto.SecretBox;
import com.codexmanager.module.ServiceContext;
import com.codexmanager.module.ServiceModule;
import com.codexmanager.store.ChangeFeed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account pool as a service module: builds the account repository, the account service, the accounts'
 * secrets (sealed with the service's one {@code SecretBox}) and proxies, and registers the {@code account/*} RPC
 * methods for listing, editing, import and export. Login, token refresh and their RPC methods are the auth
 * module's ({@code com.codexmanager.auth.rpc.AuthModule}), which is built right after this one and given it.
 *
 * <p>The gateway is wired with {@link #accounts()} and {@link #secrets()} (routable accounts with access tokens).
 * Lifecycle: built before the HTTP server starts; nothing runs in the background and nothing is left to close.
 * Thread-safe.
 */
public final class AccountsModule implements ServiceModule {
    private static final Logger log = LoggerFactory.getLogger(AccountsModule.class);

    private final AccountService accounts;
    private final AccountSecrets secrets;
    private final AccountProxies proxies;
    private final List<AccountListExtension> listExtensions = new CopyOnWriteArrayList<>();

    public AccountsModule(ServiceContext context) {
        Supplier<Settings> settings = context.settings()::current;
        SecretBox box = context.secrets();
        AccountRepository repository = new AccountRepository(context.database().sql(), context.database().shared());
        this.accounts = new AccountService(repository, box, context.clock(), context.random());
        context.changes().onChange(ChangeFeed.Table.ACCOUNTS, accounts::externalChange);
        this.proxies = new AccountProxies(repository, box, context.clock());
        context.changes().onChange(ChangeFeed.Table.ACCOUNTS, proxies::reload);
        this.secrets = new AccountSecrets(repository, box, proxies, context.clock());
        AccountRpcMethods.register(context.rpc(), accounts, proxies, listExtensions);
        listExtensions.add(this::proxyFields);
        accounts.addListener(new AccountService.Listener() {
            @Override
            public void accountsDeleted(List<String> accountIds) {
                accountIds.forEach(proxies::forget);
            }
        });
        AccountTransferRpcMethods.register(context.rpc(), new AccountImporter(accounts),
                new AccountExporter(accounts, secrets, context.clock()), settings);
        log.debug("Accounts module ready");
    }

    public AccountService accounts() {
        return accounts;
    }

    public AccountSecrets secrets() {
        return secrets;
    }

    /** The accounts' own proxies. */
    public AccountProxies proxies() {
        return proxies;
    }

    /** {@code proxyUrl} (password masked) on the items of accounts that have their own proxy. */
    private Map<String, Map<String, Object>> proxyFields(List<Account> items) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Account account : items) {
            String proxy = proxies.display(account.id());
            if (proxy != null) {
                out.put(account.id(), Map.of("proxyUrl", proxy));
            }
        }
        return out;
    }

    /** Adds fields to {@code account/list} items; modules add theirs while the service is wired. */
    public void addListExtension(AccountListExtension extension) {
        listExtensions.add(java.util.Objects.requireNonNull(extension, "extension"));
    }
}
