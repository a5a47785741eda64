package com.codexmanager.account;

import java.time.Instant;
import java.util.List;

/**
 * An account to create or update from a login or an import: tokens plus whatever metadata came with them.
 * {@code null} metadata means "not given": an existing account keeps its value, a new one gets the default.
 * Identity comes from the token claims merged with the given ids. {@link #toString()} hides the tokens. Immutable.
 *
 * @param accessTokenExpiresAt explicit expiry for opaque access tokens; the JWT {@code exp} claim wins when present
 * @param lastRefreshAt        when the tokens were last refreshed, if known
 */
public record AccountDraft(
        AccountTokens tokens,
        String label,
        String email,
        String chatgptAccountId,
        String userId,
        String workspaceId,
        String planType,
        String groupName,
        List<String> tags,
        String note,
        Integer sort,
        AccountStatus status,
        Instant accessTokenExpiresAt,
        Instant lastRefreshAt) {
    static final int MAX_LABEL = 512;
    static final int MAX_GROUP = 256;
    static final int MAX_NOTE = 4096;
    static final int MAX_TAG = 64;
    static final int MAX_TAGS = 32;
    static final int MAX_TOKEN = 32_768;

    public AccountDraft {
        label = AccountFields.optional("label", label, MAX_LABEL);
        email = AccountFields.optional("email", email, MAX_LABEL);
        chatgptAccountId = AccountFields.optional("chatgptAccountId", chatgptAccountId, 256);
        userId = AccountFields.optional("userId", userId, 256);
        workspaceId = AccountFields.optional("workspaceId", workspaceId, 256);
        planType = AccountFields.optional("planType", planType, 64);
        groupName = AccountFields.optional("groupName", groupName, MAX_GROUP);
        note = note == null ? null : AccountFields.limit("note", note, MAX_NOTE);
        tags = tags == null ? null : AccountFields.tags(tags);
        AccountFields.limit("accessToken", tokens.accessToken(), MAX_TOKEN);
        if (tokens.refreshToken() != null) {
            AccountFields.limit("refreshToken", tokens.refreshToken(), MAX_TOKEN);
        }
        if (tokens.idToken() != null) {
            AccountFields.limit("idToken", tokens.idToken(), MAX_TOKEN);
        }
    }

    /** A draft with tokens only. */
    public static AccountDraft of(AccountTokens tokens) {
        return new AccountDraft(tokens, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The claims of the tokens, with the explicitly given ids and email filling the gaps. */
    public TokenClaims claims() {
        TokenClaims access = TokenClaims.parse(tokens.accessToken()).orElse(TokenClaims.EMPTY);
        TokenClaims id = tokens.idToken() == null ? TokenClaims.EMPTY
                : TokenClaims.parse(tokens.idToken()).orElse(TokenClaims.EMPTY);
        TokenClaims given = new TokenClaims(email, chatgptAccountId, userId, planType, workspaceId, null, null,
                accessTokenExpiresAt);
        // exp must come from the access token; the id token's exp is much shorter and unrelated.
        TokenClaims merged = id.or(access).or(given);
        Instant exp = access.expiresAt() != null ? access.expiresAt() : accessTokenExpiresAt;
        return new TokenClaims(merged.email(), merged.chatgptAccountId(), merged.userId(),
                access.planType() != null ? access.planType() : merged.planType(), merged.workspaceId(),
                merged.subject(), merged.clientId(), exp);
    }

    public AccountDraft withMeta(String newGroup, List<String> newTags, String newNote) {
        return new AccountDraft(tokens, label, email, chatgptAccountId, userId, workspaceId, planType, newGroup,
                newTags, newNote, sort, status, accessTokenExpiresAt, lastRefreshAt);
    }

    public AccountDraft withWorkspaceId(String newWorkspaceId) {
        return new AccountDraft(tokens, label, email, chatgptAccountId, userId, newWorkspaceId, planType, groupName,
                tags, note, sort, status, accessTokenExpiresAt, lastRefreshAt);
    }

    public AccountDraft withLastRefreshAt(Instant when) {
        return new AccountDraft(tokens, label, email, chatgptAccountId, userId, workspaceId, planType, groupName,
                tags, note, sort, status, accessTokenExpiresAt, when);
    }

    @Override
    public String toString() {
        return "AccountDraft[label=" + label + ", email=" + email + ", chatgptAccountId=" + chatgptAccountId
                + ", tokens=" + tokens + "]";
    }
}
