package com.codexmanager.auth;

import com.codexmanager.config.ProxyUrl;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.json.Json;
import com.codexmanager.upstream.ProxiedHttpClient;
import com.codexmanager.upstream.UpstreamProxy;
import com.codexmanager.upstream.UpstreamProxyException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.util.Timeout;

/**
 * Client of the OAuth token endpoint {@code {issuer}/oauth/token}: authorization-code exchange (form-encoded, as the
 * Codex CLI sends it) and refresh (JSON, as the Codex CLI sends it). One shared pooled Apache client with explicit
 * connect/socket/response timeouts, no automatic retries (a retried refresh could burn the rotated token), no
 * redirects, no cookies. Issuer and client id are read from the live settings on every call. Thread-safe; close it
 * once.
 */
public final class OAuthClient implements AutoCloseable {
    /** Longest wait for the token endpoint's reply. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_BODY_CHARS = 1 << 20;

    private final Supplier<Settings> settings;
    private final ProxiedHttpClient http;

    public OAuthClient(Supplier<Settings> settings) {
        this.settings = settings;
        Timeout connect = Timeout.ofSeconds(settings.get().number(Setting.UPSTREAM_CONNECT_TIMEOUT_SECS));
        Timeout response = Timeout.ofSeconds(RESPONSE_TIMEOUT.toSeconds());
        this.http = new ProxiedHttpClient("oauth", settings, proxy -> build(proxy, connect, response));
    }

    private static ProxiedHttpClient.Pooled build(UpstreamProxy proxy, Timeout connect, Timeout response) {
        return ProxiedHttpClient.simpleClient(proxy, connect, response, 32, 16, "codexmanager");
    }

    /** Exchanges an authorization code (PKCE) for tokens; the reply must hold an access and a refresh token. */
    public TokenResponse exchangeCode(String code, String redirectUri, String codeVerifier) {
        Settings s = settings.get();
        HttpPost post = new HttpPost(tokenUrl(s));
        post.setEntity(new UrlEncodedFormEntity(List.<NameValuePair>of(
                new BasicNameValuePair("grant_type", "authorization_code"),
                new BasicNameValuePair("code", code),
                new BasicNameValuePair("redirect_uri", redirectUri),
                new BasicNameValuePair("client_id", s.text(Setting.CLIENT_ID)),
                new BasicNameValuePair("code_verifier", codeVerifier)), StandardCharsets.UTF_8));
        TokenResponse tokens = send(post, null);
        if (tokens.accessToken() == null || tokens.refreshToken() == null) {
            throw new OAuthException(false, "incomplete_token_response", 200,
                    "the token endpoint did not return both an access and a refresh token", null);
        }
        return tokens;
    }

    /** Redeems a refresh token through the global proxy. The reply replaces whichever tokens it contains. */
    public TokenResponse refresh(String refreshToken) {
        return refresh(refreshToken, null);
    }

    /**
     * Redeems a refresh token through the account's own proxy ({@code null}: the global one). The reply replaces
     * whichever tokens it contains.
     */
    public TokenResponse refresh(String refreshToken, ProxyUrl proxy) {
        Settings s = settings.get();
        JsonObject body = new JsonObject();
        body.addProperty("client_id", s.text(Setting.CLIENT_ID));
        body.addProperty("grant_type", "refresh_token");
        body.addProperty("refresh_token", refreshToken);
        HttpPost post = new HttpPost(tokenUrl(s));
        post.setEntity(new StringEntity(Json.write(body), ContentType.APPLICATION_JSON));
        TokenResponse tokens = send(post, proxy);
        if (tokens.accessToken() == null) {
            throw new OAuthException(false, "incomplete_token_response", 200,
                    "the token endpoint's refresh reply has no access token", null);
        }
        return tokens;
    }

    private static String tokenUrl(Settings s) {
        String issuer = s.text(Setting.ISSUER);
        while (issuer.endsWith("/")) {
            issuer = issuer.substring(0, issuer.length() - 1);
        }
        return issuer + "/oauth/token";
    }

    private TokenResponse send(HttpPost post, ProxyUrl proxy) {
        try {
            return http.http(proxy).execute(post, response -> {
                String text = response.getEntity() == null ? ""
                        : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8, MAX_BODY_CHARS);
                int status = response.getCode();
                if (status / 100 != 2) {
                    throw failure(status, text);
                }
                return parseTokens(text);
            });
        } catch (OAuthException e) {
            throw e;
        } catch (IOException e) {
            IOException failure = UpstreamProxyException.wrap(http.proxy(proxy), post.getAuthority(), e);
            String what = failure instanceof UpstreamProxyException ? failure.getMessage()
                    : failure.getClass().getSimpleName();
            throw new OAuthException(false, "network_error", 0, "cannot reach the OAuth issuer (" + what + ")",
                    failure);
        } catch (UncheckedIOException e) {
            throw new OAuthException(false, "network_error", 0, "cannot reach the OAuth issuer ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static TokenResponse parseTokens(String text) {
        try {
            JsonObject body = Json.object(text);
            return new TokenResponse(string(body, "access_token"), string(body, "refresh_token"),
                    string(body, "id_token"));
        } catch (JsonParseException e) {
            throw new OAuthException(false, "invalid_token_response", 200,
                    "the token endpoint replied with something that is not a JSON object", null);
        }
    }

    /** Reads both error shapes: {@code {"error":"x","error_description":…}} and {@code {"error":{"code":…}}}. */
    static OAuthException failure(int status, String text) {
        String code = errorCode(text);
        String normalised = code == null ? null : code.trim().toLowerCase(Locale.ROOT);
        boolean permanent = normalised != null && OAuthException.PERMANENT_CODES.contains(normalised)
                || status == 401;
        String reason = normalised != null && normalised.matches("[a-z0-9_.:-]{1,64}") ? normalised
                : status == 401 ? "refresh_token_unauthorized" : "http_" + status;
        return new OAuthException(permanent, reason, status, "the token endpoint answered HTTP " + status + " ("
                + reason + ")", null);
    }

    /** The error code of either error shape, or null when the body has none. */
    static String errorCode(String text) {
        String code = null;
        try {
            JsonObject body = Json.object(text);
            JsonElement error = body.get("error");
            if (error != null && error.isJsonObject()) {
                code = string(error.getAsJsonObject(), "code");
                if (code == null) {
                    code = string(error.getAsJsonObject(), "type");
                }
            } else if (error != null && error.isJsonPrimitive()) {
                code = error.getAsString();
            }
            if (code == null) {
                code = string(body, "code");
            }
        } catch (JsonParseException | IllegalStateException e) {
            code = null;
        }
        return code;
    }

    private static String string(JsonObject object, String name) {
        JsonElement e = object.get(name);
        return e != null && e.isJsonPrimitive() && !e.getAsString().isBlank() ? e.getAsString() : null;
    }

    /** The pooled client, shared with {@link DeviceAuthClient} (same issuer, proxy and timeouts). */
    ProxiedHttpClient http() {
        return http;
    }

    /** The issuer from the live settings, without a trailing slash. */
    String issuer() {
        String issuer = settings.get().text(Setting.ISSUER);
        while (issuer.endsWith("/")) {
            issuer = issuer.substring(0, issuer.length() - 1);
        }
        return issuer;
    }

    String clientId() {
        return settings.get().text(Setting.CLIENT_ID);
    }

    @Override
    public void close() {
        http.close();
    }
}
