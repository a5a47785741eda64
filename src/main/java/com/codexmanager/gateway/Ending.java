package com.codexmanager.gateway;

import java.util.List;

/**
 * How a request ended, as the request log records it: the status the client got, the accounts tried, and the error
 * and usage when there were any. Immutable.
 *
 * @param finalAccountId  the account that served (or was tried last), or {@code null}
 * @param firstByteMillis time to the first byte sent to the client, or {@code null}
 */
record Ending(int status, List<String> attempted, String finalAccountId, String errorCode, String errorMessage,
        Long firstByteMillis, ExecutionResult.Usage usage) {
    Ending {
        attempted = List.copyOf(attempted);
    }

    /** Answered by the gateway itself before any upstream call (or without one). */
    static Ending refused(int status, String code, String message) {
        return new Ending(status, List.of(), null, code, message, null, ExecutionResult.Usage.NONE);
    }

    /** No account served: {@code status} is what the renderer sent. */
    static Ending refused(ExecutionResult.Refused refused, int status) {
        return new Ending(status, refused.attempted(), refused.lastAccountId(), refused.code(), refused.message(),
                null, ExecutionResult.Usage.NONE);
    }

    /** An account answered; a mid-stream error or a client that left is recorded as the error. */
    static Ending served(ExecutionResult.Served served, int status) {
        String code = null;
        String message = null;
        if (served.streamError() != null) {
            code = served.streamError();
            message = "the stream ended with " + served.streamError();
        }
        if (served.clientGone()) {
            code = "client_disconnected";
            message = "the client closed the connection";
        }
        return new Ending(status, served.attempted(), served.accountId(), code, message, served.firstByteMillis(),
                served.usage());
    }

    /** Served, but the answer rendered is an error (a non-stream client got the upstream's failure). */
    Ending withError(int newStatus, String code, String message) {
        return new Ending(newStatus, attempted, finalAccountId, code, message, firstByteMillis, usage);
    }
}
