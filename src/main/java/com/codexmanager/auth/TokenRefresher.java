package com.codexmanager.auth;

import com.codexmanager.account.Account;
import com.codexmanager.account.AccountSecrets;
import com.codexmanager.account.AccountSecrets.TokenSnapshot;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountStatus;
import com.codexmanager.account.AccountTokens;
import com.codexmanager.config.ProxyUrl;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes access tokens without ever burning a refresh token.
 *
 * <ul>
 *   <li>Single flight per account: concurrent callers for one account share one refresh request.</li>
 *   <li>The stored state is re-read first; if another path already rotated the token, no request is sent.</li>
 *   <li>Rotated tokens are committed to the database before the new access token is handed to anyone.</li>
 *   <li>Permanent failures ({@link OAuthException#PERMANENT_CODES}, any 401) mark the account {@code unavailable}
 *       with the reason; automation never tries it again until a new login. Transient failures leave the status
 *       alone and defer the next automatic attempt with exponential backoff.</li>
 * </ul>
 * At most {@code TOKEN_REFRESH_CONCURRENCY} refreshes run at once ({@link RefreshGate}); the rotated tokens are
 * committed durably right after the issuer's answer, before anything else happens, and no refresh calls the issuer
 * while another's rotated tokens are still being saved ({@link PendingSaves}).
 * Thread-safe. The refresh runs on the thread of the first caller; others wait up to {@link #JOIN_TIMEOUT}.
 */
public final class TokenRefresher {
    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);
    static final Duration JOIN_TIMEOUT = OAuthClient.RESPONSE_TIMEOUT.plusSeconds(30);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    private static final Duration STILL_VALID_MARGIN = Duration.ofMinutes(1);
    private static final Predicate<TokenSnapshot> ALWAYS = snap -> true;
    /** How long a refresh waits for other accounts' pending saves before it calls the issuer anyway. */
    static final Duration SAVES_FIRST_LIMIT = Duration.ofSeconds(2);

    private final LongAdder transientFailures = new LongAdder();
    private final LongAdder permanentFailures = new LongAdder();
    private final AccountService accounts;
    private final AccountSecrets secrets;
    private final OAuthClient oauth;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final Map<String, CompletableFuture<FreshToken>> flights = new ConcurrentHashMap<>();
    private final RefreshGate gate;
    private final LatencyStats saveLatency = new LatencyStats();
    private final PendingSaves pendingSaves = new PendingSaves();

    public TokenRefresher(AccountService accounts, AccountSecrets secrets, OAuthClient oauth,
            Supplier<Settings> settings, Clock clock) {
        this.gate = new RefreshGate(settings.get().integer(Setting.TOKEN_REFRESH_CONCURRENCY));
        this.accounts = accounts;
        this.secrets = secrets;
        this.oauth = oauth;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The account's access token, refreshed first when it expires within {@code TOKEN_REFRESH_AHEAD_SECS}.
     *
     * @throws TokenRefreshException when a needed refresh fails
     * @throws com.codexmanager.crypto.SecretUnavailableException when the stored tokens cannot be decrypted
     */
    public FreshToken ensureFresh(String accountId) {
        return ensureFresh(accountId, clock.instant().plusSeconds(
                settings.get().number(Setting.TOKEN_REFRESH_AHEAD_SECS)), "expiring");
    }

    /**
     * The account's access token, refreshed first when it expires before {@code horizon} (the background refresher
     * passes a later horizon per account, spreading accounts that expire together).
     */
    public FreshToken ensureFresh(String accountId, Instant horizon, String reason) {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(AccountSecrets.REFRESH_WITHOUT_EXP);
        return singleFlight(accountId, reason, snap -> {
            Account a = snap.account();
            if (servesUntilExpiry(a, now)) {
                return false;
            }
            if (a.accessTokenExpiresAt() != null) {
                return !a.accessTokenExpiresAt().isAfter(horizon);
            }
            Instant last = a.lastRefreshAt() != null ? a.lastRefreshAt() : a.createdAt();
            return !last.isAfter(staleBefore);
        });
    }

    /**
     * Whether an account whose refresh token is dead (it needs a new login) may still serve on its access token:
     * until a minute before that token expires, so a lost rotation costs the user a login, not an outage.
     */
    public static boolean servesUntilExpiry(Account account, Instant now) {
        return account.status() == AccountStatus.UNAVAILABLE && account.statusReason() != null
                && OAuthException.PERMANENT_CODES.contains(account.statusReason())
                && account.accessTokenExpiresAt() != null
                && account.accessTokenExpiresAt().isAfter(now.plus(STILL_VALID_MARGIN));
    }

    /**
     * The gateway's "401 → refresh once": refreshes unless the stored access token already differs from the one
     * upstream rejected (another caller refreshed meanwhile), then returns the current token.
     */
    public FreshToken refreshAfterUnauthorized(String accountId, String rejectedAccessToken) {
        return singleFlight(accountId, "upstream_401",
                snap -> snap.tokens().map(t -> t.accessToken().equals(rejectedAccessToken)).orElse(true));
    }

    /** Refreshes now, whatever the expiry ({@code account/refreshTokens}). */
    public FreshToken refresh(String accountId, String reason) {
        return singleFlight(accountId, reason, ALWAYS);
    }

    private FreshToken singleFlight(String accountId, String reason, Predicate<TokenSnapshot> needed) {
        CompletableFuture<FreshToken> mine = new CompletableFuture<>();
        CompletableFuture<FreshToken> running = flights.putIfAbsent(accountId, mine);
        if (running != null) {
            return join(accountId, running);
        }
        try {
            FreshToken result = refreshIfNeeded(accountId, reason, needed);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(accountId, mine);
        }
    }

    private static FreshToken join(String accountId, CompletableFuture<FreshToken> running) {
        try {
            return running.get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("token refresh failed", e.getCause());
        } catch (TimeoutException e) {
            throw new TokenRefreshException(TokenRefreshException.Kind.TRANSIENT, accountId, "refresh_timeout",
                    "timed out waiting for the token refresh of account " + accountId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRefreshException(TokenRefreshException.Kind.TRANSIENT, accountId, "interrupted",
                    "interrupted while waiting for the token refresh of account " + accountId, e);
        }
    }

    private FreshToken refreshIfNeeded(String accountId, String reason, Predicate<TokenSnapshot> needed) {
        // a forced refresh skips this first look: it would read and decrypt the tokens only to learn that it refreshes
        if (needed != ALWAYS) {
            TokenSnapshot before = secrets.snapshot(accountId);
            AccountTokens current = before.tokens().orElseThrow(() -> notRefreshable(accountId, "no_token",
                    "account " + accountId + " has no token; log in again"));
            if (!needed.test(before)) {
                return fresh(before, current.accessToken());
            }
        }
        try (RefreshGate.Permit permit = gate.acquire(accountId, JOIN_TIMEOUT)) {
            // re-read inside: while this caller waited for a permit or for another instance sharing the database,
            // the tokens may have been rotated already
            return secrets.whileRefreshing(accountId, () -> refreshHoldingPermit(accountId, reason, needed));
        }
    }

    private FreshToken refreshHoldingPermit(String accountId, String reason, Predicate<TokenSnapshot> needed) {
        TokenSnapshot snap = secrets.snapshot(accountId);
        AccountTokens tokens = snap.tokens().orElseThrow(() -> notRefreshable(accountId, "no_token",
                "account " + accountId + " has no token; log in again"));
        if (!needed.test(snap)) {
            return fresh(snap, tokens.accessToken());
        }
        Account account = snap.account();
        if (account.status() == AccountStatus.UNAVAILABLE || account.status() == AccountStatus.BANNED
                || account.status() == AccountStatus.DISABLED) {
            throw notRefreshable(accountId, "account_" + account.status().wireName(), "account " + accountId
                    + " is " + account.status().wireName() + (account.statusReason() == null ? ""
                    : " (" + account.statusReason() + ")") + "; it is not refreshed until you log in again");
        }
        if (tokens.refreshToken() == null) {
            throw notRefreshable(accountId, "no_refresh_token", "account " + accountId
                    + " has no refresh token; log in again to renew it");
        }
        pendingSaves.awaitNone(SAVES_FIRST_LIMIT);
        TokenResponse reply;
        try {
            reply = oauth.refresh(tokens.refreshToken(), snap.proxy().orElse(null));
        } catch (OAuthException e) {
            return onFailure(snap, e);
        }
        // The issuer has rotated the refresh token: from here until the commit, a crash loses this account's login.
        // Nothing else happens in between, and the write is durable before it returns.
        long answeredNanos = System.nanoTime();
        Instant expiresAt;
        try (PendingSaves.Saving saving = pendingSaves.begin()) {
            expiresAt = secrets.storeRefreshed(accountId, new AccountTokens(reply.accessToken(),
                    reply.refreshToken(), reply.idToken()));
        }
        long savedMicros = (System.nanoTime() - answeredNanos) / 1_000;
        saveLatency.record(savedMicros);
        log.info("Refreshed tokens of account {} ({}); saved {} ms after the issuer's answer; access token valid "
                + "until {}", accountId, reason, String.format(java.util.Locale.ROOT, "%.1f", savedMicros / 1000.0),
                expiresAt);
        return new FreshToken(accountId, account.chatgptAccountId(), reply.accessToken(), expiresAt,
                snap.proxy().orElse(null));
    }

    private FreshToken onFailure(TokenSnapshot before, OAuthException e) {
        String accountId = before.account().id();
        if (!e.permanent()) {
            transientFailures.increment();
            int failures = secrets.refreshFailures(accountId);
            Duration wait = backoff(failures);
            secrets.recordRefreshFailure(accountId, clock.instant().plus(wait));
            log.warn("Token refresh of account {} failed ({}); next automatic attempt in {} s", accountId, e.code(),
                    wait.toSeconds());
            throw new TokenRefreshException(TokenRefreshException.Kind.TRANSIENT, accountId, e.code(),
                    "token refresh failed for now (" + e.code() + "); it will be retried", e);
        }
        // Another path (a re-login, a parallel process on the same database) may have stored newer tokens while
        // our request was in flight: then our failure concerns a superseded token, not the account.
        TokenSnapshot now = secrets.snapshot(accountId);
        if (now.tokenVersion() != before.tokenVersion() && now.tokens().isPresent()) {
            return fresh(now, now.tokens().get().accessToken());
        }
        permanentFailures.increment();
        accounts.markStatus(accountId, AccountStatus.UNAVAILABLE, e.code());
        log.warn("Refresh token of account {} is no longer valid ({}); marked unavailable until a new login",
                accountId, e.code());
        throw new TokenRefreshException(TokenRefreshException.Kind.PERMANENT, accountId, e.code(),
                "the refresh token of account " + accountId + " is no longer valid (" + e.code()
                        + "); log in to this account again", e);
    }

    /** Refresh failures since the service started, for {@code /metrics}. Immutable. */
    public record FailureCounts(long transientFailures, long permanentFailures) {
    }

    /**
     * Failed refreshes so far: transient ones (retried with back-off) and permanent ones (the account was marked
     * {@code unavailable} and needs a new login).
     */
    public FailureCounts failureCounts() {
        return new FailureCounts(transientFailures.sum(), permanentFailures.sum());
    }

    /** How long saving rotated tokens took after the issuer's answer, since start (microseconds). */
    public LatencyStats.Summary saveLatency() {
        return saveLatency.summary();
    }

    /** Saves of rotated tokens in progress, and refreshes waiting for them (tests). */
    PendingSaves pendingSaves() {
        return pendingSaves;
    }

    /** The configured refresh concurrency. */
    public int concurrency() {
        return gate.size();
    }

    static Duration backoff(int failuresSoFar) {
        long factor = 1L << Math.min(failuresSoFar, 10);
        Duration wait = FIRST_BACKOFF.multipliedBy(factor);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static TokenRefreshException notRefreshable(String accountId, String reason, String message) {
        return new TokenRefreshException(TokenRefreshException.Kind.NOT_REFRESHABLE, accountId, reason, message, null);
    }

    private static FreshToken fresh(TokenSnapshot snapshot, String accessToken) {
        return fresh(snapshot.account(), accessToken, snapshot.proxy().orElse(null));
    }

    private static FreshToken fresh(Account account, String accessToken, ProxyUrl proxy) {
        return new FreshToken(account.id(), account.chatgptAccountId(), accessToken, account.accessTokenExpiresAt(),
                proxy);
    }
}
