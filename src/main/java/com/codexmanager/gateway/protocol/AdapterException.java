package com.codexmanager.gateway.protocol;

/**
 * A client request the adapter cannot map: answered with 400 (or {@link #status()}) in the client's protocol,
 * naming the field. The message never contains request content beyond field names and short enum values.
 */
public final class AdapterException extends RuntimeException {
    private final int status;
    private final String code;

    public AdapterException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** A 400 {@code invalid_request} naming the field. */
    public static AdapterException invalid(String field, String problem) {
        return new AdapterException(400, "invalid_request", field + " " + problem);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
