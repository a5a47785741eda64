package com.codexmanager.account;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The claims CodexManager reads from ChatGPT id and access tokens (codex-protocol.md §1.7). Signatures are not
 * verified: the tokens were issued to us, and the claims only label the account; they authorise nothing.
 * Immutable; every field may be {@code null}.
 *
 * @param expiresAt the {@code exp} claim
 */
public record TokenClaims(String email, String chatgptAccountId, String userId, String planType,
        String workspaceId, String subject, String clientId, Instant expiresAt) {
    private static final String AUTH = "https://api.openai.com/auth";
    private static final String PROFILE = "https://api.openai.com/profile";

    public static final TokenClaims EMPTY = new TokenClaims(null, null, null, null, null, null, null, null);

    /** Whether {@code token} has the shape of a JWT (three base64url segments, the first two non-empty). */
    public static boolean looksLikeJwt(String token) {
        if (token == null) {
            return false;
        }
        String[] parts = token.trim().split("\\.", -1);
        return parts.length == 3 && !parts[0].isEmpty() && !parts[1].isEmpty()
                && token.trim().matches("[A-Za-z0-9_\\-.=]+");
    }

    /** The claims of a JWT; empty when {@code token} is not a JWT or its payload is not a JSON object. */
    public static Optional<TokenClaims> parse(String token) {
        if (!looksLikeJwt(token)) {
            return Optional.empty();
        }
        try {
            String payload = token.trim().split("\\.")[1];
            String json = new String(Base64.getUrlDecoder().decode(payload.replace("=", "")),
                    StandardCharsets.UTF_8);
            JsonElement element = JsonParser.parseString(json);
            return element.isJsonObject() ? Optional.of(of(element.getAsJsonObject())) : Optional.empty();
        } catch (IllegalArgumentException | JsonParseException e) {
            return Optional.empty();
        }
    }

    private static TokenClaims of(JsonObject claims) {
        JsonObject auth = object(claims, AUTH);
        JsonObject profile = object(claims, PROFILE);
        String email = first(text(claims, "email"), text(profile, "email"));
        String userId = first(text(auth, "chatgpt_user_id"), text(auth, "user_id"));
        String plan = text(auth, "chatgpt_plan_type");
        Instant exp = claims.has("exp") && claims.get("exp").isJsonPrimitive()
                && claims.get("exp").getAsJsonPrimitive().isNumber()
                ? Instant.ofEpochSecond(claims.get("exp").getAsLong()) : null;
        return new TokenClaims(email, text(auth, "chatgpt_account_id"), userId,
                plan == null ? null : plan.trim().toLowerCase(Locale.ROOT),
                first(text(auth, "workspace_id"), text(claims, "workspace_id")), text(claims, "sub"),
                text(claims, "client_id"), exp);
    }

    /** These claims, with each missing one taken from {@code fallback}. */
    public TokenClaims or(TokenClaims fallback) {
        return new TokenClaims(first(email, fallback.email), first(chatgptAccountId, fallback.chatgptAccountId),
                first(userId, fallback.userId), first(planType, fallback.planType),
                first(workspaceId, fallback.workspaceId), first(subject, fallback.subject),
                first(clientId, fallback.clientId), expiresAt != null ? expiresAt : fallback.expiresAt);
    }

    private static JsonObject object(JsonObject parent, String name) {
        JsonElement e = parent.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    private static String text(JsonObject parent, String name) {
        JsonElement e = parent.get(name);
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        String value = e.getAsString().trim();
        return value.isEmpty() ? null : value;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
