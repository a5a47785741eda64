package com.codexmanager.account.importing;

import com.codexmanager.account.AccountDraft;
import com.codexmanager.account.AccountStatus;
import com.codexmanager.account.AccountTokens;
import com.codexmanager.account.TokenClaims;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * Turns one imported JSON object into an {@link AccountDraft}. One parser reads every supported shape by field
 * lookup, tokens from {@code tokens.*}, then {@code credentials.*}, then the top level; metadata from
 * {@code meta.*}, the top level, {@code credentials.*} and {@code extra.*}; each name in snake_case or camelCase.
 * That covers Codex {@code auth.json}, flat token objects, our export, CLIProxyAPI codex files, sub2api entries and
 * ChatGPT session JSON ({@code accessToken}, {@code user.email}). Failures are {@link IllegalArgumentException}s
 * with a message fit for the import report (field names, never values). Stateless.
 */
public final class ImportItemParser {
    private ImportItemParser() {
    }

    public static AccountDraft parse(JsonObject item) {
        JsonObject tokensObject = JsonFields.child(item, "tokens");
        JsonObject credentials = JsonFields.child(item, "credentials");
        JsonObject meta = JsonFields.child(item, "meta");
        JsonObject extra = JsonFields.child(item, "extra");
        JsonObject user = JsonFields.child(item, "user");
        JsonObject account = JsonFields.child(item, "account");
        JsonFields tokens = new JsonFields(List.of(tokensObject, credentials, item));
        JsonFields fields = new JsonFields(List.of(meta, item, credentials, extra));

        String access = tokens.text("access_token", "accessToken");
        if (access == null) {
            if (item.has("OPENAI_API_KEY") && !item.get("OPENAI_API_KEY").isJsonNull()) {
                throw new IllegalArgumentException("auth.json holds an API key, not ChatGPT tokens");
            }
            throw new IllegalArgumentException("no access token (expected tokens.access_token, access_token or "
                    + "accessToken)");
        }
        if (access.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("access_token contains whitespace");
        }
        AccountTokens pair = new AccountTokens(access, tokens.text("refresh_token", "refreshToken"),
                tokens.text("id_token", "idToken"));
        String idToken = pair.idToken();
        if (idToken != null && !TokenClaims.looksLikeJwt(idToken)) {
            throw new IllegalArgumentException("id_token is not a JWT");
        }
        JsonFields session = new JsonFields(List.of(user, account));
        String status = fields.text("status");
        return new AccountDraft(pair,
                fields.text("label", "name"),
                firstNonNull(fields.text("email"), session.text("email")),
                firstNonNull(fields.text("chatgpt_account_id", "chatgptAccountId"),
                        tokens.text("account_id", "accountId"), new JsonFields(List.of(account)).text("id")),
                fields.text("chatgpt_user_id", "chatgptUserId", "user_id", "userId"),
                fields.text("workspace_id", "workspaceId"),
                firstNonNull(fields.text("plan_type", "planType"), session.text("planType", "plan_type")),
                fields.text("group_name", "groupName", "group"),
                fields.tags("tags"),
                fields.text("note", "notes"),
                fields.integer("sort"),
                status == null ? null : AccountStatus.parse(status).orElse(null),
                fields.instant("expired", "expires_at", "expiresAt"),
                fields.instant("last_refresh", "lastRefresh", "last_refresh_at", "lastRefreshAt"));
    }

    /** A plain line holding a bare access token (a JWT). */
    public static AccountDraft parseLine(String line) {
        String token = line.trim();
        if (!TokenClaims.looksLikeJwt(token)) {
            throw new IllegalArgumentException("line is neither JSON nor a JWT access token (a refresh token alone "
                    + "cannot be imported)");
        }
        return AccountDraft.of(new AccountTokens(token, null, null));
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
