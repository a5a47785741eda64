package com.codexmanager.apikey;

/**
 * Why a presented platform key was refused. Each reason carries the HTTP status and stable error code the
 * gateway answers with, and an English message that never contains the key.
 */
public enum KeyRejection {
    MISSING(401, "missing_api_key", "missing api key"),
    UNKNOWN(401, "invalid_api_key", "invalid api key"),
    DISABLED(403, "api_key_disabled", "api key disabled"),
    EXPIRED(403, "api_key_expired", "api key expired");

    private final int httpStatus;
    private final String errorCode;
    private final String message;

    KeyRejection(int httpStatus, String errorCode, String message) {
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.message = message;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    public String message() {
        return message;
    }
}
