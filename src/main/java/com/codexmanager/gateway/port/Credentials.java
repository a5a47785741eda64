package com.codexmanager.gateway.port;

/**
 * What an upstream call needs from an account: its access token and ChatGPT account id. Immutable;
 * {@link #toString()} never prints the token.
 */
public record Credentials(String accountId, String accessToken, String chatgptAccountId) {
    @Override
    public String toString() {
        return "Credentials[accountId=" + accountId + ", accessToken=***]";
    }
}
