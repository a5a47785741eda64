package com.codexmanager.desktop.rpc;

import java.util.Optional;

/**
 * A failed RPC call: the service could not be reached, answered late, refused the token, or returned a JSON-RPC
 * error. The message is safe to show (it never contains the token). Immutable.
 */
public final class RpcCallException extends RuntimeException {
    /** Why the call failed; the UI picks its wording from this. */
    public enum Kind {
        /** Connection refused, reset or the endpoint is unknown: the service is not running there. */
        UNREACHABLE,
        /** No answer within the call's timeout. */
        TIMEOUT,
        /** HTTP 401: the token is wrong. */
        UNAUTHORIZED,
        /** -32601: the running service does not have this method. */
        METHOD_NOT_FOUND,
        /** -32602: a parameter was refused; {@link #field()} names it. */
        INVALID_PARAMS,
        /** Any other JSON-RPC error (not found, conflict, invalid state, upstream…). */
        SERVICE_ERROR,
        /** The answer was not JSON-RPC. */
        PROTOCOL
    }

    private final Kind kind;
    private final int code;
    private final String field;

    public RpcCallException(Kind kind, int code, String message, String field, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public RpcCallException(Kind kind, String message, Throwable cause) {
        this(kind, 0, message, null, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON-RPC error code, or 0 when the call never got an answer. */
    public int code() {
        return code;
    }

    /** The parameter named in {@code error.data.field}, for -32602 errors. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** Whether the service itself is out of reach (as opposed to refusing this one call). */
    public boolean connectionProblem() {
        return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT;
    }

    /** Unwraps {@code CompletionException}s to find the RPC failure, if there is one. */
    public static Optional<RpcCallException> from(Throwable error) {
        Throwable t = error;
        while (t != null) {
            if (t instanceof RpcCallException e) {
                return Optional.of(e);
            }
            t = t.getCause();
        }
        return Optional.empty();
    }
}
