package com.codexmanager.gateway.port;

import com.codexmanager.config.ProxyUrl;

/**
 * What an upstream call needs from an account: its access token, ChatGPT account id and its own upstream proxy.
 * Immutable; {@link #toString()} never prints the token or the proxy password.
 *
 * @param proxy the account's own proxy, or {@code null} to use the global {@code UPSTREAM_PROXY_URL}
 */
public record Credentials(String accountId, String accessToken, String chatgptAccountId, ProxyUrl proxy) {
    /** Credentials of an account without its own proxy. */
    public Credentials(String accountId, String accessToken, String chatgptAccountId) {
        this(accountId, accessToken, chatgptAccountId, null);
    }

    @Override
    public String toString() {
        return "Credentials[accountId=" + accountId + ", accessToken=***, proxy=" + (proxy == null ? "global"
                : proxy.toString()) + "]";
    }
}
