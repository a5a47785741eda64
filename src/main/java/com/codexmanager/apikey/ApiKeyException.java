package com.codexmanager.apikey;

/**
 * A refused platform-key operation. {@link #field()} names the offending input for {@link Kind#INVALID}. Messages
 * name ids and fields, never a key or an Azure secret.
 */
public final class ApiKeyException extends RuntimeException {
    /** The failure family; the RPC layer maps each to an error code. */
    public enum Kind {
        INVALID, NOT_FOUND, SECRET_UNAVAILABLE
    }

    private final Kind kind;
    private final String field;

    private ApiKeyException(Kind kind, String field, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.field = field;
    }

    static ApiKeyException invalid(String field, String problem) {
        return new ApiKeyException(Kind.INVALID, field, field + ": " + problem, null);
    }

    static ApiKeyException notFound(String id) {
        return new ApiKeyException(Kind.NOT_FOUND, "id", "api key not found: " + id, null);
    }

    static ApiKeyException secretUnavailable(String message, Throwable cause) {
        return new ApiKeyException(Kind.SECRET_UNAVAILABLE, null, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The input field at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
