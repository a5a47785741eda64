package com.codexmanager.account;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Unsigned JWTs shaped like ChatGPT tokens, for tests that need no fake upstream. */
public final class TestTokens {
    private TestTokens() {
    }

    /** Access and id tokens plus an opaque refresh token for one identity. */
    public record Set(String accessToken, String idToken, String refreshToken, String accountId, String userId,
            String email) {
    }

    public static Set forAccount(String accountId, String userId, String email, String plan, Instant exp) {
        return new Set(jwt(accountId, userId, email, plan, exp, "access"), jwt(accountId, userId, email, plan,
                exp.minusSeconds(60), "id"), "rt_" + UUID.randomUUID().toString().replace("-", ""), accountId,
                userId, email);
    }

    public static Set random(Instant exp) {
        String n = UUID.randomUUID().toString();
        return forAccount("acct-" + n, "user-" + n.substring(0, 8), "u" + n.substring(0, 8) + "@example.test",
                "plus", exp);
    }

    static String jwt(String accountId, String userId, String email, String plan, Instant exp, String kind) {
        JsonObject auth = new JsonObject();
        auth.addProperty("chatgpt_account_id", accountId);
        auth.addProperty("chatgpt_user_id", userId);
        auth.addProperty("chatgpt_plan_type", plan);
        JsonObject claims = new JsonObject();
        claims.addProperty("sub", "auth0|" + userId);
        claims.addProperty("email", email);
        claims.addProperty("exp", exp.getEpochSecond());
        claims.addProperty("jti", kind + "-" + UUID.randomUUID());
        claims.add("https://api.openai.com/auth", auth);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
