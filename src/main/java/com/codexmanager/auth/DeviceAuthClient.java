package com.codexmanager.auth;

import com.codexmanager.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * The issuer's device-code endpoints (codex-protocol.md §1.9): {@code POST {issuer}/api/accounts/deviceauth/usercode}
 * and the polled {@code POST {issuer}/api/accounts/deviceauth/token}. Shares the {@link OAuthClient}'s pooled client
 * (proxy, timeouts, no retries). Stateless apart from that; thread-safe.
 *
 * <p>How a poll answer is read: 200 with {@code authorization_code} and {@code code_verifier} is approval; 403 and
 * 404 mean "not yet" (as the Codex CLI reads them); an error code {@code slow_down} (or HTTP 429) asks for a longer
 * interval; {@code access_denied}/{@code authorization_declined} is a refusal and {@code expired_token} an expiry (the
 * RFC 8628 names, since the issuer's own are not documented); network errors and 5xx are transient; any other answer
 * fails the login.
 */
final class DeviceAuthClient {
    static final String USER_CODE_PATH = "/api/accounts/deviceauth/usercode";
    static final String TOKEN_PATH = "/api/accounts/deviceauth/token";
    static final String VERIFICATION_PATH = "/codex/device";
    static final String CALLBACK_PATH = "/deviceauth/callback";
    /** Used when the issuer sends no usable interval. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final int MAX_BODY_CHARS = 1 << 16;
    private static final Set<String> DENIED = Set.of("access_denied", "authorization_declined", "denied");
    private static final Set<String> EXPIRED = Set.of("expired_token", "deviceauth_expired", "token_expired");

    /** What {@code usercode} answered. Immutable; the code is shown to the user, so it is not a secret. */
    record UserCode(String deviceAuthId, String userCode, Duration interval) {
    }

    /** One poll's outcome. */
    sealed interface Poll {
        /** The user approved: exchange this code with this verifier. {@code toString} hides both. */
        record Approved(String authorizationCode, String codeVerifier) implements Poll {
            @Override
            public String toString() {
                return "Approved[***]";
            }
        }

        record Pending() implements Poll {
        }

        record SlowDown() implements Poll {
        }

        record Denied(String reason) implements Poll {
        }

        record Expired(String reason) implements Poll {
        }

        /** @param retry whether polling may go on (network error, 5xx) */
        record Failed(String reason, boolean retry) implements Poll {
        }
    }

    private final OAuthClient oauth;

    DeviceAuthClient(OAuthClient oauth) {
        this.oauth = oauth;
    }

    String verificationUri() {
        return oauth.issuer() + VERIFICATION_PATH;
    }

    String redirectUri() {
        return oauth.issuer() + CALLBACK_PATH;
    }

    /**
     * Asks the issuer for a user code.
     *
     * @throws LoginException {@code DEVICE_LOGIN_DISABLED} on 404, {@code DEVICE_POLL_FAILED} on any other failure
     */
    UserCode requestUserCode() {
        JsonObject body = new JsonObject();
        body.addProperty("client_id", oauth.clientId());
        Reply reply = post(USER_CODE_PATH, body);
        if (reply.status() == 404) {
            throw new LoginException(LoginException.Code.DEVICE_LOGIN_DISABLED, "the OAuth issuer " + oauth.issuer()
                    + " does not offer the device-code login; use the browser login or check CODEXMANAGER_ISSUER");
        }
        if (reply.status() / 100 != 2) {
            throw new LoginException(LoginException.Code.DEVICE_POLL_FAILED, "the device-code request failed ("
                    + reply.describe() + ")");
        }
        JsonObject json = reply.json();
        String deviceAuthId = text(json, "device_auth_id");
        String userCode = text(json, "user_code") != null ? text(json, "user_code") : text(json, "usercode");
        if (deviceAuthId == null || userCode == null) {
            throw new LoginException(LoginException.Code.DEVICE_POLL_FAILED, "the device-code reply has no "
                    + "device_auth_id or user_code");
        }
        return new UserCode(deviceAuthId, userCode, interval(json.get("interval")));
    }

    /** Polls once; never throws for an upstream answer (see the class doc for how it is read). */
    Poll poll(String deviceAuthId, String userCode) {
        JsonObject body = new JsonObject();
        body.addProperty("device_auth_id", deviceAuthId);
        body.addProperty("user_code", userCode);
        Reply reply = post(TOKEN_PATH, body);
        if (reply.status() == 200) {
            JsonObject json = reply.json();
            String code = text(json, "authorization_code");
            String verifier = text(json, "code_verifier");
            return code == null || verifier == null ? new Poll.Failed("incomplete_device_token_reply", false)
                    : new Poll.Approved(code, verifier);
        }
        String error = reply.errorCode();
        if ("slow_down".equals(error) || reply.status() == 429) {
            return new Poll.SlowDown();
        }
        if (error != null && DENIED.contains(error)) {
            return new Poll.Denied(error);
        }
        if (error != null && EXPIRED.contains(error)) {
            return new Poll.Expired(error);
        }
        if (reply.status() == 403 || reply.status() == 404) {
            return new Poll.Pending();
        }
        boolean retry = reply.status() == 0 || reply.status() >= 500;
        return new Poll.Failed(error != null ? error : reply.describe(), retry);
    }

    /** An HTTP answer; status 0 means no answer (network error, described in {@code body}). */
    private record Reply(int status, String body) {
        JsonObject json() {
            try {
                return Json.object(body);
            } catch (JsonParseException e) {
                return new JsonObject();
            }
        }

        String errorCode() {
            String code = OAuthClient.errorCode(body);
            return code == null ? null : code.trim().toLowerCase(Locale.ROOT);
        }

        String describe() {
            return status == 0 ? body : "HTTP " + status;
        }
    }

    private Reply post(String path, JsonObject body) {
        HttpPost post = new HttpPost(oauth.issuer() + path);
        post.setEntity(new StringEntity(Json.write(body), ContentType.APPLICATION_JSON));
        try {
            return oauth.http().http().execute(post, response -> new Reply(response.getCode(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(),
                            StandardCharsets.UTF_8, MAX_BODY_CHARS)));
        } catch (IOException e) {
            return new Reply(0, "cannot reach the OAuth issuer (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@code interval} is a string of seconds on the wire; a number is accepted too. */
    static Duration interval(JsonElement value) {
        if (value == null || !value.isJsonPrimitive()) {
            return DEFAULT_INTERVAL;
        }
        try {
            long seconds = Long.parseLong(value.getAsString().trim());
            return seconds < 0 || seconds > 3600 ? DEFAULT_INTERVAL : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return DEFAULT_INTERVAL;
        }
    }

    private static String text(JsonObject json, String name) {
        JsonElement e = json.get(name);
        return e != null && e.isJsonPrimitive() && !e.getAsString().isBlank() ? e.getAsString() : null;
    }
}
