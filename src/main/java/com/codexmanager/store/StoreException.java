package com.codexmanager.store;

/** A failure of the embedded database, with a stable code. Messages never carry row contents. */
public class StoreException extends RuntimeException {
    private final String code;

    public StoreException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
