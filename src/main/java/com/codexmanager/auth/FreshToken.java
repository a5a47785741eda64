package com.codexmanager.auth;

import com.codexmanager.config.ProxyUrl;
import java.time.Instant;

/**
 * A usable access token of one account, as the gateway sends it upstream ({@code Authorization: Bearer} plus
 * {@code ChatGPT-Account-ID}), and the account's own proxy to send it through. {@code chatgptAccountId},
 * {@code expiresAt} and {@code proxy} (global proxy) may be {@code null}. {@link #toString()} hides the token and
 * the proxy password. Immutable.
 */
public record FreshToken(String accountId, String chatgptAccountId, String accessToken, Instant expiresAt,
        ProxyUrl proxy) {
    /** A token of an account without its own proxy. */
    public FreshToken(String accountId, String chatgptAccountId, String accessToken, Instant expiresAt) {
        this(accountId, chatgptAccountId, accessToken, expiresAt, null);
    }

    @Override
    public String toString() {
        return "FreshToken[accountId=" + accountId + ", expiresAt=" + expiresAt + ", proxy="
                + (proxy == null ? "global" : proxy.toString()) + "]";
    }
}
