package com.codexmanager.gateway.port;

/**
 * An account cannot produce a usable access token (refresh failed permanently, secrets cannot be decrypted). The
 * gateway skips the account; the message carries the reason code, never a token.
 */
public final class CredentialsUnavailableException extends Exception {
    private final String reason;

    public CredentialsUnavailableException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
