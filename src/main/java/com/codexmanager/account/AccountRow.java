package com.codexmanager.account;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code accounts} exactly as stored, tokens as sealed ciphertext. Package-private: only the repository
 * and the services of this package see it. Immutable; nullable as the columns are.
 */
record AccountRow(
        String id,
        String identityKey,
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
        String accessTokenSealed,
        String refreshTokenSealed,
        String idTokenSealed,
        long tokenVersion,
        Instant accessTokenExpiresAt,
        Instant lastRefreshAt,
        int refreshFailures,
        Instant nextRefreshAttemptAt,
        Instant createdAt,
        Instant updatedAt,
        Instant lastUsedAt,
        Instant limitedUntil) {
    AccountRow {
        tags = List.copyOf(tags);
    }

    Account toAccount() {
        return new Account(id, label, email, chatgptAccountId, userId, workspaceId, planType, groupName, tags, sort,
                note, status, statusReason, accessTokenSealed != null, refreshTokenSealed != null,
                accessTokenExpiresAt, lastRefreshAt, createdAt, updatedAt, lastUsedAt, limitedUntil);
    }

    AccountRow withMeta(String newLabel, String newGroup, List<String> newTags, String newNote, int newSort,
            AccountStatus newStatus, String newReason, Instant now) {
        return new AccountRow(id, identityKey, newLabel, email, chatgptAccountId, userId, workspaceId, planType,
                newGroup, newTags, newSort, newNote, newStatus, newReason, accessTokenSealed, refreshTokenSealed,
                idTokenSealed, tokenVersion, accessTokenExpiresAt, lastRefreshAt, refreshFailures,
                nextRefreshAttemptAt, createdAt, now, lastUsedAt,
                newStatus == AccountStatus.LIMITED ? limitedUntil : null);
    }

    @Override
    public String toString() {
        return "AccountRow[id=" + id + ", status=" + status.wireName() + ", tokenVersion=" + tokenVersion + "]";
    }
}
