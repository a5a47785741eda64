package com.codexmanager.account;

import com.codexmanager.config.ProxyUrl;
import com.codexmanager.crypto.SecretBox;
import com.codexmanager.crypto.SecretUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the encrypted tokens of accounts: decrypting for use, storing rotated tokens, recording refresh
 * failures, and finding accounts whose access token expires soon. The only class that opens sealed tokens.
 * Thread-safe.
 */
public final class AccountSecrets {
    private static final Logger log = LoggerFactory.getLogger(AccountSecrets.class);
    /** Accounts whose token has no exp claim are refreshed this long after the last refresh (Codex CLI rule). */
    public static final Duration REFRESH_WITHOUT_EXP = Duration.ofDays(8);

    private final AccountRepository repository;
    private final SecretBox box;
    private final AccountProxies proxies;
    private final Clock clock;

    public AccountSecrets(AccountRepository repository, SecretBox box, Clock clock) {
        this(repository, box, new AccountProxies(repository, box, clock), clock);
    }

    /** @param proxies the accounts' own proxies, handed out with their tokens */
    public AccountSecrets(AccountRepository repository, SecretBox box, AccountProxies proxies, Clock clock) {
        this.repository = repository;
        this.box = box;
        this.proxies = proxies;
        this.clock = clock;
    }

    /** The associated data that binds a sealed token to its account and column. */
    static String context(String accountId, String field) {
        return accountId + "/" + field;
    }

    /**
     * The account as stored right now with its decrypted tokens and the token version (incremented by every token
     * write). {@code tokens} is empty when the account holds no access token; {@code proxy} when the account uses
     * the global proxy.
     */
    public record TokenSnapshot(Account account, long tokenVersion, Optional<AccountTokens> tokens,
            Optional<ProxyUrl> proxy) {
        @Override
        public String toString() {
            return "TokenSnapshot[account=" + account.id() + ", tokenVersion=" + tokenVersion + "]";
        }
    }

    /** An account the gateway may route to, with its decrypted access token. {@link #toString()} hides it. */
    public record RoutableAccount(Account account, String accessToken) {
        @Override
        public String toString() {
            return "RoutableAccount[" + account.id() + "]";
        }
    }

    /**
     * Reads the account and decrypts its tokens.
     *
     * @throws AccountNotFoundException    when the id is unknown
     * @throws SecretUnavailableException when the tokens cannot be decrypted (master key lost); log in again
     */
    public TokenSnapshot snapshot(String accountId) {
        AccountService.releaseExpiredLimits(repository, clock);
        AccountRow row = repository.find(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
        return new TokenSnapshot(row.toAccount(), row.tokenVersion(), open(row), proxies.of(accountId));
    }

    /** The decrypted tokens; empty when none are stored. Same failures as {@link #snapshot}. */
    public Optional<AccountTokens> tokens(String accountId) {
        return snapshot(accountId).tokens();
    }

    private Optional<AccountTokens> open(AccountRow row) {
        if (row.accessTokenSealed() == null) {
            return Optional.empty();
        }
        String id = row.id();
        return Optional.of(new AccountTokens(box.open(row.accessTokenSealed(), context(id, "access_token")),
                row.refreshTokenSealed() == null ? null : box.open(row.refreshTokenSealed(),
                        context(id, "refresh_token")),
                row.idTokenSealed() == null ? null : box.open(row.idTokenSealed(), context(id, "id_token"))));
    }

    /**
     * Stores tokens returned by a refresh in one durable statement (before anyone uses the new access token):
     * missing refresh/id tokens keep the stored ones, the version increments, the failure counter resets, claims
     * update email and plan. Returns the new access token's expiry ({@code null} when it has no {@code exp}).
     *
     * @throws AccountNotFoundException when the account was deleted meanwhile
     */
    public Instant storeRefreshed(String accountId, AccountTokens tokens) {
        TokenClaims claims = AccountDraft.of(tokens).claims();
        AccountRepository.RotatedTokens rotated = new AccountRepository.RotatedTokens(
                box.seal(tokens.accessToken(), context(accountId, "access_token")),
                tokens.refreshToken() == null ? null : box.seal(tokens.refreshToken(),
                        context(accountId, "refresh_token")),
                tokens.idToken() == null ? null : box.seal(tokens.idToken(), context(accountId, "id_token")),
                claims.expiresAt(), claims.email(), claims.planType());
        if (!repository.storeRotated(accountId, rotated, clock.instant())) {
            throw new AccountNotFoundException(accountId);
        }
        return claims.expiresAt();
    }

    /**
     * Runs a refresh of the account while no other instance sharing the database refreshes it; the work must
     * re-read the stored tokens first (another instance may just have rotated them).
     */
    public <T> T whileRefreshing(String accountId, java.util.function.Supplier<T> work) {
        return repository.exclusively(accountId, work);
    }

    /** Counts a transient refresh failure and defers the next automatic attempt until {@code nextAttempt}. */
    public void recordRefreshFailure(String accountId, Instant nextAttempt) {
        repository.recordRefreshFailure(accountId, nextAttempt);
    }

    /** How many transient refresh failures in a row the account has had. */
    public int refreshFailures(String accountId) {
        return repository.find(accountId).map(AccountRow::refreshFailures).orElse(0);
    }

    /**
     * Active or limited accounts with a refresh token whose access token expires before {@code expiringBefore} (or
     * that have no exp and were refreshed long ago), excluding those in transient-failure backoff.
     */
    public List<String> dueForRefresh(Instant expiringBefore, int limit) {
        Instant now = clock.instant();
        return repository.dueForRefresh(now, expiringBefore, now.minus(REFRESH_WITHOUT_EXP), limit);
    }

    /**
     * Active accounts in pool order with their access tokens. Limited accounts whose {@code limitedUntil} has passed
     * are made active first and included. An account whose tokens no longer decrypt is marked {@code unavailable}
     * ({@code secret_unavailable}) and left out.
     */
    public List<RoutableAccount> routable() {
        AccountService.releaseExpiredLimits(repository, clock);
        List<RoutableAccount> out = new ArrayList<>();
        for (AccountRow row : repository.withStatus(AccountStatus.ACTIVE)) {
            if (row.accessTokenSealed() == null) {
                continue;
            }
            try {
                out.add(new RoutableAccount(row.toAccount(),
                        box.open(row.accessTokenSealed(), context(row.id(), "access_token"))));
            } catch (SecretUnavailableException e) {
                log.warn("Account {} cannot be used: {}", row.id(), e.getMessage());
                repository.updateStatus(row.id(), AccountStatus.UNAVAILABLE, "secret_unavailable", clock.instant());
            }
        }
        return out;
    }
}
