package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Mints unsigned-looking JWTs with the claims of codex-protocol.md §1.7: three base64url segments and a junk
 * signature. Immutable and thread-safe.
 */
final class JwtMinter {
    static final String AUTH_CLAIM = "https://api.openai.com/auth";
    static final String PROFILE_CLAIM = "https://api.openai.com/profile";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Supplier<String> issuer;

    /** The issuer is read at mint time because the fake learns its port only after it has started. */
    JwtMinter(Supplier<String> issuer) {
        this.issuer = issuer;
    }

    String idToken(FakeAccount account, Instant issuedAt, Instant expiresAt, String tokenId) {
        JsonObject auth = authClaim(account);
        auth.add("organizations", Json.arr(Json.obj("id", "org-" + account.userId(), "is_default", true,
                "role", "owner", "title", "Personal")));
        auth.addProperty("chatgpt_subscription_active_start", issuedAt.minusSeconds(86_400).toString());
        auth.addProperty("chatgpt_subscription_active_until", issuedAt.plusSeconds(30L * 86_400).toString());
        JsonObject claims = Json.obj(
                "iss", issuer.get(),
                "aud", Json.arr(OAuthConstants.CLIENT_ID),
                "sub", "auth0|" + account.userId(),
                "email", account.email(),
                "email_verified", true,
                "iat", issuedAt.getEpochSecond(),
                "auth_time", issuedAt.getEpochSecond(),
                "exp", expiresAt.getEpochSecond(),
                "jti", tokenId,
                "auth_provider", "password",
                AUTH_CLAIM, auth);
        return sign(claims, tokenId);
    }

    String accessToken(FakeAccount account, Instant issuedAt, Instant expiresAt, String tokenId) {
        JsonObject claims = Json.obj(
                "iss", issuer.get(),
                "aud", Json.arr("https://api.openai.com/v1"),
                "client_id", OAuthConstants.CLIENT_ID,
                "sub", "auth0|" + account.userId(),
                "iat", issuedAt.getEpochSecond(),
                "nbf", issuedAt.getEpochSecond(),
                "exp", expiresAt.getEpochSecond(),
                "jti", tokenId,
                "scp", Json.arr("openid", "profile", "email", "offline_access"),
                AUTH_CLAIM, authClaim(account),
                PROFILE_CLAIM, Json.obj("email", account.email(), "email_verified", true));
        return sign(claims, tokenId);
    }

    private static JsonObject authClaim(FakeAccount account) {
        return Json.obj(
                "chatgpt_account_id", account.accountId(),
                "chatgpt_plan_type", account.planType(),
                "chatgpt_user_id", account.userId(),
                "user_id", account.userId());
    }

    private static String sign(JsonObject claims, String tokenId) {
        JsonObject header = Json.obj("alg", "RS256", "typ", "JWT", "kid", "fake-upstream");
        return encode(Json.write(header)) + "." + encode(Json.write(claims)) + "."
                + encode("fake-signature-" + tokenId);
    }

    private static String encode(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes the payload of any 3-part JWT; for assertions in tests. */
    static JsonObject claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("a JWT has 3 parts, got " + parts.length);
        }
        return Json.parseObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }
}
