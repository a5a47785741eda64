package com.codexmanager.usage;

import java.util.Locale;

/**
 * Fetching an account's usage failed. {@link #reason()} is a stable code; {@link #httpStatus()} is 0 when no HTTP
 * reply was received. Messages carry the account id and status, never a token or a response body.
 */
public final class UsageFetchException extends RuntimeException {
    /** Failure families. */
    public enum Reason {
        /** The token could not be made fresh (no refresh token, account unavailable, refresh failed). */
        TOKEN,
        /** 401 again after one refresh and one retry. */
        UNAUTHORIZED,
        /** 403 (account id mismatch, workspace removed). */
        FORBIDDEN,
        /** Another non-2xx status. */
        HTTP_ERROR,
        /** An HTML page instead of JSON (a bot challenge). */
        CHALLENGE,
        /** Connect, read or timeout failure. */
        NETWORK,
        /** The body is not the expected JSON. */
        INVALID_RESPONSE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final String accountId;
    private final int httpStatus;

    public UsageFetchException(Reason reason, String accountId, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.accountId = accountId;
        this.httpStatus = httpStatus;
    }

    public Reason reason() {
        return reason;
    }

    public String accountId() {
        return accountId;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
