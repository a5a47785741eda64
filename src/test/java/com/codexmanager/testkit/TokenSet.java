package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * Tokens the fake issued for one account in one grant. Immutable; {@link #toString()} hides the tokens.
 *
 * @param idToken nullable: absent after a refresh scripted with {@link RefreshFault#OMIT_ID_TOKEN} or when
 *     {@code openid} was not in the scope
 * @param refreshToken nullable: absent when {@code offline_access} was not in the scope
 * @param accessTokenExpiresAt the {@code exp} of the access token
 */
public record TokenSet(String accountId, String idToken, String accessToken, String refreshToken,
        Instant accessTokenExpiresAt) {

    public TokenSet {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
    }

    /** Decoded payload of the access token. */
    public JsonObject accessTokenClaims() {
        return JwtMinter.claims(accessToken);
    }

    /** Decoded payload of the id token; throws when there is none. */
    public JsonObject idTokenClaims() {
        if (idToken == null) {
            throw new IllegalStateException("this token set has no id_token");
        }
        return JwtMinter.claims(idToken);
    }

    /**
     * The Codex CLI's {@code ~/.codex/auth.json} for these tokens (codex-protocol.md §1.8), for import tests.
     *
     * @param lastRefresh written as {@code last_refresh}
     */
    public String codexAuthJson(Instant lastRefresh) {
        JsonObject tokens = Json.obj("id_token", idToken, "access_token", accessToken,
                "refresh_token", refreshToken, "account_id", accountId);
        return Json.write(Json.obj("auth_mode", "chatgpt", "OPENAI_API_KEY", null, "tokens", tokens,
                "last_refresh", lastRefresh.toString()));
    }

    /** The same set with a different refresh token; lets tests build stale or broken credentials. */
    public TokenSet withRefreshToken(String value) {
        return new TokenSet(accountId, idToken, accessToken, value, accessTokenExpiresAt);
    }

    @Override
    public String toString() {
        return "TokenSet[accountId=" + accountId + ", accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", idToken=" + (idToken == null ? "absent" : "***") + ", accessToken=***, refreshToken="
                + (refreshToken == null ? "absent" : "***") + "]";
    }
}
