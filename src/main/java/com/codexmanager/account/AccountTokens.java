package com.codexmanager.account;

import java.util.Objects;

/**
 * The plaintext OAuth tokens of one account, held only in memory while they are used. {@code refreshToken} and
 * {@code idToken} may be {@code null}. {@link #toString()} never prints them. Immutable.
 */
public record AccountTokens(String accessToken, String refreshToken, String idToken) {
    public AccountTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken must not be blank");
        }
    }

    @Override
    public String toString() {
        return "AccountTokens[accessToken=***, refreshToken=" + (refreshToken == null ? "none" : "***")
                + ", idToken=" + (idToken == null ? "none" : "***") + "]";
    }
}
