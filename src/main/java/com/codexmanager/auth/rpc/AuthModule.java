package com.codexmanager.auth.rpc;

import com.codexmanager.account.AccountSecrets;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.rpc.AccountsModule;
import com.codexmanager.auth.LoginService;
import com.codexmanager.auth.OAuthClient;
import com.codexmanager.auth.RefreshScheduler;
import com.codexmanager.auth.TokenRefresher;
import com.codexmanager.config.Settings;
import com.codexmanager.module.ServiceContext;
import com.codexmanager.module.ServiceModule;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login and token refresh as a service module, on top of the accounts module: builds the OAuth client, the token
 * refresher, the login service and the background refresh schedule (a single-runner job, {@code token-refresh},
 * when instances share the database), and registers {@code account/login/*} and {@code account/refreshTokens}.
 *
 * <p>The gateway and the usage module are wired with {@link #refresher()} ("401 → refresh once",
 * {@code ensureFresh}). Lifecycle: built right after the accounts module, before the HTTP server starts;
 * {@link #start()} starts the refresh schedule; {@link #close()} stops the schedule, the login callback server and
 * the OAuth client. Thread-safe.
 */
public final class AuthModule implements ServiceModule {
    private static final Logger log = LoggerFactory.getLogger(AuthModule.class);

    private final OAuthClient oauth;
    private final TokenRefresher refresher;
    private final LoginService login;
    private final RefreshScheduler scheduler;

    public AuthModule(ServiceContext context, AccountsModule accountsModule) {
        Supplier<Settings> settings = context.settings()::current;
        AccountService accounts = accountsModule.accounts();
        AccountSecrets secrets = accountsModule.secrets();
        this.oauth = new OAuthClient(settings);
        this.refresher = new TokenRefresher(accounts, secrets, oauth, settings, context.clock());
        this.login = new LoginService(accounts, oauth, settings, context.clock(), context.random());
        this.scheduler = new RefreshScheduler(refresher, secrets, accounts, settings, context.clock(),
                context.singleRunner("token-refresh"));
        TokenRpcMethods.register(context.rpc(), accounts, refresher);
        LoginRpcMethods.register(context.rpc(), login);
        log.debug("Auth module ready");
    }

    public TokenRefresher refresher() {
        return refresher;
    }

    public LoginService login() {
        return login;
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
