package com.codexmanager.auth;

import java.time.Instant;

/**
 * A usable access token of one account, as the gateway sends it upstream ({@code Authorization: Bearer} plus
 * {@code ChatGPT-Account-ID}). {@code chatgptAccountId} and {@code expiresAt} may be {@code null}.
 * {@link #toString()} hides the token. Immutable.
 */
public record FreshToken(String accountId, String chatgptAccountId, String accessToken, Instant expiresAt) {
    @Override
    public String toString() {
        return "FreshToken[accountId=" + accountId + ", expiresAt=" + expiresAt + "]";
    }
}
