package com.codexmanager.service;

import com.codexmanager.account.Account;
import com.codexmanager.account.AccountNotFoundException;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountStatus;
import com.codexmanager.auth.FreshToken;
import com.codexmanager.auth.TokenRefreshException;
import com.codexmanager.auth.TokenRefresher;
import com.codexmanager.crypto.SecretUnavailableException;
import com.codexmanager.gateway.port.AccountPool;
import com.codexmanager.gateway.port.Credentials;
import com.codexmanager.gateway.port.CredentialsUnavailableException;
import com.codexmanager.gateway.routing.PoolAccount;
import com.codexmanager.gateway.routing.PoolSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import com.codexmanager.usage.UsageService;
import com.codexmanager.usage.UsageSnapshot;
import com.codexmanager.usage.UsageWindow;
import com.codexmanager.gateway.routing.AccountQuota;
import java.util.Locale;

/**
 * The gateway's view of the account pool, backed by the accounts and usage features. The routable snapshot (with
 * each account's plan and usage windows, and the headroom ranking) is cached, rebuilt at once when the accounts
 * change and every {@link #MAX_AGE} in the background ({@link #refreshSnapshot()}), so a request never queries the
 * database for routing unless an account was just written. Thread-safe.
 */
final class AccountPoolAdapter implements AccountPool {
    static final Duration MAX_AGE = Duration.ofSeconds(2);
    /** A snapshot this old means the background refresh is not running: a request rebuilds it then. */
    static final Duration STALE_AGE = MAX_AGE.multipliedBy(5);
    private static final Duration LAST_USED_WRITE_INTERVAL = Duration.ofMinutes(1);

    private record Cached(PoolSnapshot snapshot, long version, Instant builtAt) {
    }

    /** Decrypted credentials kept in memory so a request needs no database read or decryption. */
    private record CachedCredentials(Credentials credentials, Instant validUntil, long version) {
    }

    /** Cached credentials are re-read at least this often, and never within this margin of the token's expiry. */
    private static final Duration CREDENTIALS_MAX_AGE = Duration.ofMinutes(5);
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(20);

    private final AccountService accounts;
    private final TokenRefresher refresher;
    private final UsageService usage;
    private final java.util.function.Consumer<String> confirmUsage;
    private final Clock clock;
    private final Map<String, Instant> lastUsedWrites = new ConcurrentHashMap<>();
    private final Map<String, Instant> limitSeenByGateway = new ConcurrentHashMap<>();
    private final Map<String, CachedCredentials> credentialCache = new ConcurrentHashMap<>();
    private volatile Cached cached;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    /**
     * @param confirmUsage queues a usage fetch of an account that the upstream just reported as limited
     */
    AccountPoolAdapter(AccountService accounts, TokenRefresher refresher, UsageService usage,
            java.util.function.Consumer<String> confirmUsage, Clock clock) {
        this.accounts = accounts;
        this.refresher = refresher;
        this.usage = usage;
        this.confirmUsage = confirmUsage;
        this.clock = clock;
    }

    @Override
    public PoolSnapshot snapshot() {
        Cached current = cached;
        long version = accounts.version();
        Instant now = clock.instant();
        if (current == null || current.version() != version) {
            return rebuild(version, now, true).snapshot();
        }
        if (current.builtAt().plus(STALE_AGE).isBefore(now) && refreshing.compareAndSet(false, true)) {
            // the background refresh stalled: one caller rebuilds, everyone else goes on with the snapshot at hand
            try {
                return rebuild(version, now, false).snapshot();
            } finally {
                refreshing.set(false);
            }
        }
        return current.snapshot();
    }

    /**
     * Rebuilds the snapshot from the accounts and their latest usage, off the request path: the gateway calls this
     * every {@link #MAX_AGE}, so usage changes (which do not move the accounts' version) reach the headroom ranking.
     */
    @Override
    public void refreshSnapshot() {
        if (refreshing.compareAndSet(false, true)) {
            try {
                rebuild(accounts.version(), clock.instant(), false);
            } finally {
                refreshing.set(false);
            }
        }
    }

    private synchronized Cached rebuild(long version, Instant now, boolean onlyIfStale) {
        Cached current = cached;
        if (onlyIfStale && current != null && current.version() == version
                && !current.builtAt().plus(MAX_AGE).isBefore(now)) {
            return current;
        }
        List<PoolAccount> pool = new ArrayList<>();
        for (Account a : accounts.all()) {
            Instant until = a.status() == AccountStatus.LIMITED ? latest(a.limitedUntil(),
                    limitSeenByGateway.get(a.id())) : null;
            PoolAccount.Status status = TokenRefresher.servesUntilExpiry(a, now) ? PoolAccount.Status.ACTIVE
                    : status(a.status());
            UsageSnapshot latestUsage = usage.latest(a.id()).orElse(null);
            pool.add(new PoolAccount(a.id(), a.sort(), a.groupName(), status, a.hasToken(), until,
                    plan(a, latestUsage), quota(latestUsage)));
        }
        Cached built = new Cached(PoolSnapshot.of(pool, now), version, now);
        cached = built;
        return built;
    }

    /** The live plan (from the latest usage) wins over the one in the token claims. */
    private static String plan(Account account, UsageSnapshot usage) {
        String plan = usage != null && usage.planType() != null && !usage.planType().isBlank() ? usage.planType()
                : account.planType();
        return plan == null || plan.isBlank() ? null : plan.trim().toLowerCase(Locale.ROOT);
    }

    private static AccountQuota quota(UsageSnapshot usage) {
        if (usage == null) {
            return AccountQuota.UNKNOWN;
        }
        return new AccountQuota(window(usage.primary()), window(usage.secondary()));
    }

    private static AccountQuota.Window window(UsageWindow window) {
        if (window == null || !window.known() || window.windowMinutes() <= 0) {
            return null;
        }
        return new AccountQuota.Window(window.usedPercent(), window.windowMinutes(), window.resetsAt());
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static PoolAccount.Status status(AccountStatus status) {
        return switch (status) {
            case ACTIVE -> PoolAccount.Status.ACTIVE;
            case DISABLED -> PoolAccount.Status.DISABLED;
            case LIMITED -> PoolAccount.Status.LIMITED;
            case UNAVAILABLE -> PoolAccount.Status.UNAVAILABLE;
            case BANNED -> PoolAccount.Status.BANNED;
        };
    }

    @Override
    public Credentials credentials(String accountId) throws CredentialsUnavailableException {
        long version = accounts.version();
        CachedCredentials cachedCredentials = credentialCache.get(accountId);
        if (cachedCredentials != null && cachedCredentials.version() == version
                && clock.instant().isBefore(cachedCredentials.validUntil())) {
            return cachedCredentials.credentials();
        }
        return fresh(accountId, version, () -> refresher.ensureFresh(accountId));
    }

    @Override
    public Credentials refreshAfterUnauthorized(String accountId, Credentials rejected)
            throws CredentialsUnavailableException {
        credentialCache.remove(accountId);
        return fresh(accountId, accounts.version(),
                () -> refresher.refreshAfterUnauthorized(accountId, rejected.accessToken()));
    }

    private interface TokenCall {
        FreshToken get();
    }

    private Credentials fresh(String accountId, long version, TokenCall call) throws CredentialsUnavailableException {
        try {
            FreshToken token = call.get();
            Credentials credentials = new Credentials(token.accountId(), token.accessToken(), token.chatgptAccountId(),
                    token.proxy());
            Instant now = clock.instant();
            Instant validUntil = now.plus(CREDENTIALS_MAX_AGE);
            if (token.expiresAt() != null && token.expiresAt().minus(EXPIRY_MARGIN).isBefore(validUntil)) {
                validUntil = token.expiresAt().minus(EXPIRY_MARGIN);
            }
            if (validUntil.isAfter(now)) {
                credentialCache.put(accountId, new CachedCredentials(credentials, validUntil, version));
            } else {
                credentialCache.remove(accountId);
            }
            return credentials;
        } catch (TokenRefreshException e) {
            credentialCache.remove(accountId);
            throw new CredentialsUnavailableException(e.reason(), e.getMessage());
        } catch (SecretUnavailableException e) {
            throw new CredentialsUnavailableException("secret_unavailable", e.getMessage());
        } catch (AccountNotFoundException e) {
            throw new CredentialsUnavailableException("account_deleted", e.getMessage());
        }
    }

    @Override
    public void markUsageLimited(String accountId, Instant resetsAt) {
        limitSeenByGateway.put(accountId, resetsAt);
        usage.markLimited(accountId, resetsAt);
        confirmUsage.accept(accountId);
    }

    @Override
    public void markUsed(String accountId, Instant at) {
        Instant last = lastUsedWrites.get(accountId);
        if (last == null || last.plus(LAST_USED_WRITE_INTERVAL).isBefore(at)) {
            lastUsedWrites.put(accountId, at);
            try {
                accounts.markUsed(accountId);
            } catch (AccountNotFoundException e) {
                lastUsedWrites.remove(accountId);
            }
        }
    }
}
