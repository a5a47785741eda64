package com.codexmanager.testkit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /oauth/token} (authorization code, refresh token, token exchange) and {@code POST /oauth/revoke}
 * (codex-protocol.md §1.5, §1.6, §9.1). Thread-safe: a rotation runs under the account's lock, so of many
 * concurrent refreshes with one token exactly one wins and the rest see {@code refresh_token_reused}.
 */
final class TokenEndpoint {
    private final TokenRegistry tokens;
    private final AccountDirectory accounts;
    private final AuthorizationCodes codes;
    private final Clock clock;
    private final AtomicBoolean failApiKeyExchange = new AtomicBoolean();

    TokenEndpoint(TokenRegistry tokens, AccountDirectory accounts, AuthorizationCodes codes, Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.codes = codes;
        this.clock = clock;
    }

    void failApiKeyExchange(boolean fail) {
        failApiKeyExchange.set(fail);
    }

    void token(Context ctx) {
        Map<String, String> params = params(ctx);
        if (!OAuthConstants.CLIENT_ID.equals(params.get("client_id"))) {
            Replies.oauthError(ctx, 401, "invalid_client", "Unknown or missing client_id");
            return;
        }
        String grantType = params.getOrDefault("grant_type", "");
        switch (grantType) {
            case "authorization_code" -> exchangeCode(ctx, params);
            case "refresh_token" -> refresh(ctx, params);
            case OAuthConstants.TOKEN_EXCHANGE_GRANT -> exchangeForApiKey(ctx, params);
            default -> Replies.oauthError(ctx, 400, "unsupported_grant_type", "Unsupported grant_type: " + grantType);
        }
    }

    void revoke(Context ctx) {
        tokens.revoke(params(ctx).get("token"));
        Replies.json(ctx, 200, new JsonObject());
    }

    private void exchangeCode(Context ctx, Map<String, String> params) {
        Optional<AuthorizationCodes.Grant> taken = codes.take(params.get("code"));
        if (taken.isEmpty()) {
            Replies.oauthError(ctx, 400, "invalid_grant", "The authorization code is invalid or was already used");
            return;
        }
        AuthorizationCodes.Grant grant = taken.get();
        String verifier = params.get("code_verifier");
        if (!grant.redirectUri().equals(params.get("redirect_uri"))) {
            Replies.oauthError(ctx, 400, "invalid_grant", "redirect_uri does not match the authorization request");
        } else if (verifier == null || !Pkce.challenge(verifier).equals(grant.codeChallenge())) {
            Replies.oauthError(ctx, 400, "invalid_grant", "code_verifier does not match the code_challenge");
        } else {
            var scopes = Arrays.asList(grant.scope().split(" "));
            FakeAccount account = accounts.require(grant.accountId());
            TokenSet issued = tokens.issue(account, scopes.contains("openid"), scopes.contains("offline_access"));
            Replies.json(ctx, 200, tokenResponse(issued));
        }
    }

    private void refresh(Context ctx, Map<String, String> params) {
        String presented = params.get("refresh_token");
        Optional<FakeAccount> owner = tokens.refresh(presented).flatMap(grant -> accounts.find(grant.accountId()));
        if (owner.isEmpty()) {
            Replies.oauthError(ctx, 400, "invalid_grant", "Invalid refresh token");
            return;
        }
        FakeAccount account = owner.get();
        TokenSet rotated = null;
        synchronized (account) {
            TokenRegistry.RefreshStatus status = tokens.refresh(presented).orElseThrow().status();
            RefreshFault fault = status == TokenRegistry.RefreshStatus.ACTIVE ? account.pollRefreshFault() : null;
            if (status == TokenRegistry.RefreshStatus.USED) {
                Replies.nestedError(ctx, 401, "refresh_token_reused", "Your refresh token has already been used "
                        + "to generate a new access token. Please try signing in again.");
            } else if (status == TokenRegistry.RefreshStatus.REVOKED) {
                invalidated(ctx);
            } else if (fault == RefreshFault.REFRESH_TOKEN_EXPIRED) {
                tokens.markRefresh(presented, TokenRegistry.RefreshStatus.REVOKED);
                Replies.nestedError(ctx, 401, "refresh_token_expired",
                        "Your refresh token has expired. Please try signing in again.");
            } else if (fault == RefreshFault.REFRESH_TOKEN_INVALIDATED) {
                tokens.markRefresh(presented, TokenRegistry.RefreshStatus.REVOKED);
                invalidated(ctx);
            } else if (fault == RefreshFault.SERVER_ERROR) {
                Replies.nestedError(ctx, 500, "internal_server_error", "An internal error occurred. Try again.");
            } else {
                tokens.markRefresh(presented, TokenRegistry.RefreshStatus.USED);
                rotated = tokens.issue(account, fault != RefreshFault.OMIT_ID_TOKEN, true);
            }
        }
        account.noteRefreshCall(rotated != null);
        if (rotated != null) {
            // written and flushed here, not left to Javalin, so that the answer time is when it left
            byte[] body = Json.write(tokenResponse(rotated)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ctx.status(200).contentType("application/json");
            ctx.res().setContentLength(body.length);
            try {
                ctx.res().getOutputStream().write(body);
                ctx.res().getOutputStream().flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            account.noteRotationAnswered(System.currentTimeMillis());
        }
    }

    private static void invalidated(Context ctx) {
        Replies.nestedError(ctx, 401, "refresh_token_invalidated",
                "Your refresh token has been invalidated. Please try signing in again.");
    }

    private void exchangeForApiKey(Context ctx, Map<String, String> params) {
        Optional<String> owner = tokens.idTokenOwner(params.get("subject_token"));
        if (!"openai-api-key".equals(params.get("requested_token"))
                || !OAuthConstants.ID_TOKEN_TYPE.equals(params.get("subject_token_type"))) {
            Replies.oauthError(ctx, 400, "invalid_request", "Unsupported token exchange request");
        } else if (owner.isEmpty()) {
            Replies.oauthError(ctx, 400, "invalid_grant", "Unknown subject_token");
        } else if (failApiKeyExchange.get()) {
            Replies.oauthError(ctx, 401, "invalid_subject_token", "This account has no API organization");
        } else {
            FakeAccount account = accounts.require(owner.get());
            Replies.json(ctx, 200, Json.obj("access_token", "sk-fake-" + account.userId()));
        }
    }

    private JsonObject tokenResponse(TokenSet issued) {
        JsonObject body = new JsonObject();
        if (issued.idToken() != null) {
            body.addProperty("id_token", issued.idToken());
        }
        body.addProperty("access_token", issued.accessToken());
        if (issued.refreshToken() != null) {
            body.addProperty("refresh_token", issued.refreshToken());
        }
        body.addProperty("token_type", "Bearer");
        long now = clock.instant().getEpochSecond();
        body.addProperty("expires_in", issued.accessTokenExpiresAt().getEpochSecond() - now);
        return body;
    }

    /** Form or JSON parameters, whichever the client sent. */
    static Map<String, String> params(Context ctx) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        if (!contentType.startsWith("application/json")) {
            return RecordedRequest.decodePairs(ctx.body());
        }
        Map<String, String> params = new HashMap<>();
        try {
            for (Map.Entry<String, JsonElement> entry : Json.parseObject(ctx.body()).entrySet()) {
                if (entry.getValue().isJsonPrimitive()) {
                    params.put(entry.getKey(), entry.getValue().getAsString());
                }
            }
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        return params;
    }
}
