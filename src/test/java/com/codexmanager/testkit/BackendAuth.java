package com.codexmanager.testkit;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Bearer and {@code ChatGPT-Account-ID} checks shared by the chatgpt.com endpoints (codex-protocol.md §2.8,
 * §9.2). Thread-safe.
 */
final class BackendAuth {
    static final String ACCOUNT_HEADER = "ChatGPT-Account-ID";
    private static final String TOKEN_EXPIRED_MESSAGE =
            "Provided authentication token is expired. Please try signing in again.";

    private final TokenRegistry tokens;
    private final AccountDirectory accounts;
    private final Clock clock;
    private final boolean requireAccountIdHeader;

    BackendAuth(TokenRegistry tokens, AccountDirectory accounts, FakeUpstreamOptions options) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.clock = options.clock();
        this.requireAccountIdHeader = options.requireAccountIdHeader();
    }

    /** The bearer token of the request, or null. */
    static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** The account that owns the presented access token, valid or not. */
    Optional<FakeAccount> owner(Context ctx) {
        return tokens.access(bearer(ctx)).flatMap(grant -> accounts.find(grant.accountId()));
    }

    /** The caller's account; otherwise writes the 401/403 reply and returns empty. */
    Optional<FakeAccount> authenticate(Context ctx) {
        String token = bearer(ctx);
        if (token == null) {
            ctx.header("x-openai-authorization-error", "missing_authorization_header");
            unauthorized(ctx);
            return Optional.empty();
        }
        Optional<TokenRegistry.AccessGrant> grant = tokens.access(token);
        Optional<FakeAccount> account = grant.flatMap(found -> accounts.find(found.accountId()));
        if (account.isEmpty()) {
            unauthorized(ctx);
            return Optional.empty();
        }
        if (grant.get().expired(clock.instant())) {
            tokenExpired(ctx);
            return Optional.empty();
        }
        if (grant.get().revoked() || account.get().rejectsAccessTokens()) {
            unauthorized(ctx);
            return Optional.empty();
        }
        String claimed = ctx.header(ACCOUNT_HEADER);
        String expected = account.get().accountId().toLowerCase(Locale.ROOT);
        if (requireAccountIdHeader && (claimed == null || !claimed.trim().toLowerCase(Locale.ROOT).equals(expected))) {
            Replies.detail(ctx, 403, "ChatGPT-Account-ID header is missing or does not match the access token");
            return Optional.empty();
        }
        return account;
    }

    static void unauthorized(Context ctx) {
        Replies.detail(ctx, 401, "Unauthorized");
    }

    static void tokenExpired(Context ctx) {
        String errorJson = Json.write(Json.obj("error", Json.obj("code", "token_expired")));
        ctx.header("x-error-json", Base64.getEncoder().encodeToString(errorJson.getBytes(StandardCharsets.UTF_8)));
        Replies.json(ctx, 401, Json.obj("error", Json.obj("message", TOKEN_EXPIRED_MESSAGE, "type", null,
                "code", "token_expired", "param", null), "status", 401));
    }
}
