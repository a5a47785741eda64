package com.codexmanager.auth;

/**
 * A browser or device-code login failed or cannot proceed. {@link #code()} is stable and tells callers which remedy applies; the
 * message is shown to the user and names the setting or step involved, never a token or code.
 */
public final class LoginException extends RuntimeException {
    /** Why the login failed. */
    public enum Code {
        /** The pasted callback URL is not a URL or lacks code/state. */
        INVALID_CALLBACK,
        /** No login session has this state (typo, other app's login, or already finished). */
        STATE_MISMATCH,
        /** The session is older than 15 minutes. */
        SESSION_EXPIRED,
        /** The session already finished, failed or was cancelled. */
        SESSION_CLOSED,
        /** The user or the IdP refused the authorization. */
        ACCESS_DENIED,
        /** The account's workspace has no Codex entitlement. */
        CODEX_NOT_ENABLED,
        /** The callback came without a code. */
        MISSING_CODE,
        /** The code exchange at the token endpoint failed. */
        EXCHANGE_FAILED,
        /** The signed-in account is not the workspace the login asked for. */
        WORKSPACE_MISMATCH,
        /** The callback port is taken. */
        PORT_IN_USE,
        /** The callback address is not loopback and that was not allowed. */
        NON_LOOPBACK,
        /** No login has this id. */
        NOT_FOUND,
        /** The issuer does not offer the device-code login (its user-code endpoint answers 404). */
        DEVICE_LOGIN_DISABLED,
        /** Polling the issuer for the device authorization kept failing or got an answer it cannot use. */
        DEVICE_POLL_FAILED
    }

    private final Code code;

    public LoginException(Code code, String message) {
        this(code, message, null);
    }

    public LoginException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
