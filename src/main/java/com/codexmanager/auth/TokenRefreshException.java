package com.codexmanager.auth;

/**
 * A token refresh did not produce a usable access token. {@link Kind} says whether waiting helps: {@code TRANSIENT}
 * failures are retried later with backoff; {@code PERMANENT} ones marked the account {@code unavailable} and only a
 * new login helps; {@code NOT_REFRESHABLE} means the account cannot be refreshed in its current state (no refresh
 * token, disabled, already unavailable). {@link #reason()} is a stable code; the message never holds a token.
 */
public final class TokenRefreshException extends RuntimeException {
    /** The failure family. */
    public enum Kind { TRANSIENT, PERMANENT, NOT_REFRESHABLE }

    private final Kind kind;
    private final String accountId;
    private final String reason;

    public TokenRefreshException(Kind kind, String accountId, String reason, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.accountId = accountId;
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    public String accountId() {
        return accountId;
    }

    public String reason() {
        return reason;
    }
}
