package com.codexmanager.account;

import java.time.Instant;
import java.util.List;

/**
 * One account of the pool as every caller outside the repository sees it: metadata and token facts, never token
 * text. Immutable; this is also the RPC shape of {@code account/list} and {@code account/read}.
 *
 * <p>Nullable: {@code email}, {@code chatgptAccountId}, {@code userId}, {@code workspaceId}, {@code planType},
 * {@code groupName}, {@code note}, {@code statusReason} and every {@code Instant} except {@code createdAt} and
 * {@code updatedAt}. Instants serialise as Unix seconds.
 *
 * @param hasToken        an access token is stored
 * @param hasRefreshToken a refresh token is stored (without one the account works until the access token expires)
 * @param limitedUntil    while {@code limited}: when the exhausted usage window resets and the account becomes
 *                        {@code active} again by itself; null when unknown or not limited
 */
public record Account(
        String id,
        String label,
        String email,
        String chatgptAccountId,
        String userId,
        String workspaceId,
        String planType,
        String groupName,
        List<String> tags,
        int sort,
        String note,
        AccountStatus status,
        String statusReason,
        boolean hasToken,
        boolean hasRefreshToken,
        Instant accessTokenExpiresAt,
        Instant lastRefreshAt,
        Instant createdAt,
        Instant updatedAt,
        Instant lastUsedAt,
        Instant limitedUntil) {
    public Account {
        tags = List.copyOf(tags);
    }
}
