package com.codexmanager.usage;

import com.codexmanager.auth.FreshToken;
import com.codexmanager.auth.TokenRefreshException;
import com.codexmanager.auth.TokenRefresher;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.crypto.SecretUnavailableException;
import com.codexmanager.upstream.ProxiedHttpClient;
import com.codexmanager.upstream.UpstreamProxy;
import com.codexmanager.upstream.UpstreamProxyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Client of {@code GET {USAGE_BASE_URL}/backend-api/wham/usage} (codex-protocol.md §3.1). The endpoint never
 * refreshes tokens itself, so the token is made fresh first ({@link TokenRefresher#ensureFresh}); a 401 refreshes
 * once ({@link TokenRefresher#refreshAfterUnauthorized}) and retries once. One shared pooled Apache client with
 * explicit connect, socket and response timeouts, no automatic retries, no redirects, no cookies; the base URL is
 * read from the live settings on every call. Thread-safe; close it once.
 */
public final class UsageClient implements AutoCloseable {
    public static final String USAGE_PATH = "/backend-api/wham/usage";
    /** Longest wait for a usage reply. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_BODY_CHARS = 1 << 20;

    private final Supplier<Settings> settings;
    private final TokenRefresher refresher;
    private final ProxiedHttpClient http;

    public UsageClient(Supplier<Settings> settings, TokenRefresher refresher, int maxConnections) {
        this.settings = settings;
        this.refresher = refresher;
        Timeout connect = Timeout.ofSeconds(settings.get().number(Setting.UPSTREAM_CONNECT_TIMEOUT_SECS));
        Timeout response = Timeout.ofSeconds(RESPONSE_TIMEOUT.toSeconds());
        this.http = new ProxiedHttpClient("usage", settings,
                proxy -> build(proxy, connect, response, maxConnections));
    }

    private static ProxiedHttpClient.Pooled build(UpstreamProxy proxy, Timeout connect, Timeout response,
            int maxConnections) {
        return ProxiedHttpClient.simpleClient(proxy, connect, response, maxConnections, maxConnections, null);
    }

    /** The usage URL for the current settings. */
    public String usageUrl() {
        return settings.get().text(Setting.USAGE_BASE_URL) + USAGE_PATH;
    }

    /**
     * Fetches the raw usage JSON of an account.
     *
     * @throws UsageFetchException on any failure, with a stable reason
     * @throws com.codexmanager.account.AccountNotFoundException when the id is unknown
     */
    public String fetch(String accountId) {
        FreshToken token = token(accountId, () -> refresher.ensureFresh(accountId));
        Reply reply = get(accountId, token);
        if (reply.status() == 401) {
            token = token(accountId, () -> refresher.refreshAfterUnauthorized(accountId, reply.token()));
            Reply retried = get(accountId, token);
            return check(accountId, retried);
        }
        return check(accountId, reply);
    }

    private static FreshToken token(String accountId, Supplier<FreshToken> source) {
        try {
            return source.get();
        } catch (TokenRefreshException e) {
            throw new UsageFetchException(UsageFetchException.Reason.TOKEN, accountId, 0,
                    "no usable token for account " + accountId + " (" + e.reason() + ")", e);
        } catch (SecretUnavailableException e) {
            throw new UsageFetchException(UsageFetchException.Reason.TOKEN, accountId, 0,
                    "the tokens of account " + accountId + " cannot be decrypted", e);
        }
    }

    /** A reply and the access token it was sent with (to tell the refresher which token upstream rejected). */
    private record Reply(int status, String contentType, String body, String token) {
        @Override
        public String toString() {
            return "Reply[status=" + status + "]";
        }
    }

    private Reply get(String accountId, FreshToken token) {
        HttpGet get = new HttpGet(usageUrl());
        get.setHeader("Authorization", "Bearer " + token.accessToken());
        if (token.chatgptAccountId() != null) {
            get.setHeader("ChatGPT-Account-ID", token.chatgptAccountId());
        }
        get.setHeader("Accept", "application/json");
        get.setHeader("User-Agent", "codex-cli");
        get.setHeader("originator", settings.get().text(Setting.ORIGINATOR));
        try {
            return http.http(token.proxy()).execute(get, response -> {
                String text = response.getEntity() == null ? ""
                        : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8, MAX_BODY_CHARS);
                ContentType type = response.getEntity() == null ? null
                        : ContentType.parseLenient(response.getEntity().getContentType());
                return new Reply(response.getCode(), type == null ? "" : type.getMimeType(), text,
                        token.accessToken());
            });
        } catch (IOException e) {
            IOException failure = UpstreamProxyException.wrap(http.proxy(token.proxy()), get.getAuthority(), e);
            String what = failure instanceof UpstreamProxyException ? failure.getMessage()
                    : failure.getClass().getSimpleName();
            throw new UsageFetchException(UsageFetchException.Reason.NETWORK, accountId, 0,
                    "cannot reach the usage endpoint for account " + accountId + " (" + what + ")", failure);
        }
    }

    private static String check(String accountId, Reply reply) {
        int status = reply.status();
        if (reply.contentType().toLowerCase(Locale.ROOT).contains("html")) {
            throw failure(UsageFetchException.Reason.CHALLENGE, accountId, status, "an HTML page (challenge)");
        }
        if (status == 401) {
            throw failure(UsageFetchException.Reason.UNAUTHORIZED, accountId, status, "401 after one token refresh");
        }
        if (status == 403) {
            throw failure(UsageFetchException.Reason.FORBIDDEN, accountId, status, "403 Forbidden");
        }
        if (status / 100 != 2) {
            throw failure(UsageFetchException.Reason.HTTP_ERROR, accountId, status, "HTTP " + status);
        }
        return reply.body();
    }

    private static UsageFetchException failure(UsageFetchException.Reason reason, String accountId, int status,
            String what) {
        return new UsageFetchException(reason, accountId, status, "usage endpoint answered " + what + " for account "
                + accountId, null);
    }

    @Override
    public void close() {
        http.close();
    }
}
