package com.codexmanager.auth;

import java.util.Set;

/**
 * The OAuth token endpoint refused a request or could not be reached. {@link #permanent()} failures mean the
 * refresh token is dead (reused, expired, revoked, invalid): retrying cannot help and the user must log in again.
 * Transient failures (network, 5xx, 429, unexpected replies) may be retried later. The message carries the error
 * code and HTTP status, never a token.
 */
public final class OAuthException extends RuntimeException {
    /** Error codes that mean the refresh token can never work again. */
    public static final Set<String> PERMANENT_CODES = Set.of("refresh_token_reused", "refresh_token_expired",
            "refresh_token_invalidated", "invalid_grant");

    private final boolean permanent;
    private final String code;
    private final int httpStatus;

    public OAuthException(boolean permanent, String code, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public boolean permanent() {
        return permanent;
    }

    /** A stable reason code: the endpoint's error code, or {@code network_error}, {@code http_503}, … */
    public String code() {
        return code;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }
}
