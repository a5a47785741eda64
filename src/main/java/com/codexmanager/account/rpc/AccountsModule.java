package com.codexmanager.account.rpc;

import com.codexmanager.account.Account;
import com.codexmanager.account.AccountProxies;
import com.codexmanager.account.AccountRepository;
import com.codexmanager.account.AccountSecrets;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.exporting.AccountExporter;
import com.codexmanager.account.importing.AccountImporter;
import com.codexmanager.auth.LoginService;
import com.codexmanager.auth.OAuthClient;
import com.codexmanager.auth.RefreshScheduler;
import com.codexmanager.auth.TokenRefresher;
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
 * The account pool as a service module: opens the master key, builds the account, login and refresh services,
 * registers the {@code account/*} RPC methods and runs the background token refresh.
 *
 * <p>The gateway module is wired with {@link #accounts()}, {@link #secrets()} (routable accounts with access
 * tokens) and {@link #refresher()} ("401 → refresh once", {@code ensureFresh}). Lifecycle: built before the HTTP
 * server starts, {@link #start()} starts the refresh schedule, {@link #close()} stops the schedule, the login
 * callback server and the OAuth client. Thread-safe.
 */
public final class AccountsModule implements ServiceModule {
    private static final Logger log = LoggerFactory.getLogger(AccountsModule.class);

    private final AccountService accounts;
    private final AccountSecrets secrets;
    private final AccountProxies proxies;
    private final OAuthClient oauth;
    private final TokenRefresher refresher;
    private final LoginService login;
    private final RefreshScheduler scheduler;
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
        this.oauth = new OAuthClient(settings);
        this.refresher = new TokenRefresher(accounts, secrets, oauth, settings, context.clock());
        this.login = new LoginService(accounts, oauth, settings, context.clock(), context.random());
        this.scheduler = new RefreshScheduler(refresher, secrets, accounts, settings, context.clock(),
                context.singleRunner("token-refresh"));
        AccountRpcMethods.register(context.rpc(), accounts, proxies, listExtensions);
        listExtensions.add(this::proxyFields);
        accounts.addListener(new AccountService.Listener() {
            @Override
            public void accountsDeleted(List<String> accountIds) {
                accountIds.forEach(proxies::forget);
            }
        });
        AccountTransferRpcMethods.register(context.rpc(), accounts, new AccountImporter(accounts),
                new AccountExporter(accounts, secrets, context.clock()), refresher, settings);
        LoginRpcMethods.register(context.rpc(), login);
        log.debug("Accounts module ready");
    }

    public AccountService accounts() {
        return accounts;
    }

    public AccountSecrets secrets() {
        return secrets;
    }

    public TokenRefresher refresher() {
        return refresher;
    }

    public LoginService login() {
        return login;
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

    @Override
    public void start() {
        scheduler.start();
    }

    @Override
    public void close() {
        scheduler.close();
        login.close();
        oauth.close();
    }
}
