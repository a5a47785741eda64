package com.codexmanager.auth;

/**
 * Tokens returned by the OAuth token endpoint. Any of them may be {@code null} in a refresh reply (absent means
 * "keep the stored one"). {@link #toString()} never prints them. Immutable.
 */
public record TokenResponse(String accessToken, String refreshToken, String idToken) {
    @Override
    public String toString() {
        return "TokenResponse[accessToken=" + mask(accessToken) + ", refreshToken=" + mask(refreshToken)
                + ", idToken=" + mask(idToken) + "]";
    }

    private static String mask(String value) {
        return value == null ? "none" : "***";
    }
}
