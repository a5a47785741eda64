package com.codexmanager.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every token the fake has issued, and what it is worth now. Thread-safe. Operations that must be atomic per
 * account (rotation) run under the account's lock in {@link TokenEndpoint}.
 */
final class TokenRegistry {
    private static final Duration ID_TOKEN_TTL = Duration.ofHours(1);

    enum RefreshStatus { ACTIVE, USED, REVOKED }

    record AccessGrant(String accountId, Instant expiresAt, boolean revoked) {
        boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    record RefreshGrant(String accountId, RefreshStatus status) {
    }

    private final JwtMinter minter;
    private final Clock clock;
    private final AtomicLong serial = new AtomicLong();
    private final ConcurrentMap<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> idTokenOwners = new ConcurrentHashMap<>();

    TokenRegistry(JwtMinter minter, Clock clock) {
        this.minter = minter;
        this.clock = clock;
    }

    /** Mints a new set for {@code account} and makes it the account's latest. */
    TokenSet issue(FakeAccount account, boolean withIdToken, boolean withRefreshToken) {
        Instant now = clock.instant();
        String serialText = String.format("%06d", serial.incrementAndGet());
        Instant expiresAt = now.plus(account.accessTokenTtl());
        String accessToken = minter.accessToken(account, now, expiresAt, "at-" + serialText);
        accessTokens.put(accessToken, new AccessGrant(account.accountId(), expiresAt, false));
        String idToken = null;
        if (withIdToken) {
            idToken = minter.idToken(account, now, now.plus(ID_TOKEN_TTL), "id-" + serialText);
            idTokenOwners.put(idToken, account.accountId());
        }
        String refreshToken = null;
        if (withRefreshToken) {
            refreshToken = "rt_fake_" + serialText + "_" + account.userId();
            refreshTokens.put(refreshToken, new RefreshGrant(account.accountId(), RefreshStatus.ACTIVE));
        }
        TokenSet tokens = new TokenSet(account.accountId(), idToken, accessToken, refreshToken, expiresAt);
        account.remember(tokens);
        return tokens;
    }

    Optional<AccessGrant> access(String token) {
        return Optional.ofNullable(token == null ? null : accessTokens.get(token));
    }

    Optional<RefreshGrant> refresh(String token) {
        return Optional.ofNullable(token == null ? null : refreshTokens.get(token));
    }

    Optional<String> idTokenOwner(String token) {
        return Optional.ofNullable(token == null ? null : idTokenOwners.get(token));
    }

    /** The account that owns an access or refresh token, if the fake issued it. */
    Optional<String> ownerOf(String token) {
        return access(token).map(AccessGrant::accountId).or(() -> refresh(token).map(RefreshGrant::accountId));
    }

    void markRefresh(String token, RefreshStatus status) {
        refreshTokens.computeIfPresent(token, (key, grant) -> new RefreshGrant(grant.accountId(), status));
    }

    /** Makes every access token of the account expired as of {@code now}. */
    void expireAccessTokens(String accountId, Instant now) {
        accessTokens.replaceAll((token, grant) -> grant.accountId().equals(accountId) && now.isBefore(grant.expiresAt())
                ? new AccessGrant(accountId, now, grant.revoked()) : grant);
    }

    /** Makes every current access token of the account answer 401 Unauthorized. */
    void revokeAccessTokens(String accountId) {
        accessTokens.replaceAll((token, grant) -> grant.accountId().equals(accountId)
                ? new AccessGrant(accountId, grant.expiresAt(), true) : grant);
    }

    /** Revokes one access or refresh token; returns whether the fake knew it. */
    boolean revoke(String token) {
        if (token == null) {
            return false;
        }
        boolean known = accessTokens.computeIfPresent(token,
                (key, grant) -> new AccessGrant(grant.accountId(), grant.expiresAt(), true)) != null;
        if (refreshTokens.containsKey(token)) {
            markRefresh(token, RefreshStatus.REVOKED);
            known = true;
        }
        return known;
    }
}
