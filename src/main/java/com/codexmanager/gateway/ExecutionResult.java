package com.codexmanager.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How a gateway request ended. Immutable values. */
public sealed interface ExecutionResult {
    List<String> attempted();

    /** Token usage reported by {@code response.completed}; fields are {@code null} when unknown. */
    record Usage(Long inputTokens, Long cachedInputTokens, Long outputTokens, Long reasoningTokens) {
        public static final Usage NONE = new Usage(null, null, null, null);
    }

    /**
     * An account answered and the client stream was begun. {@code streamError} is the code of a terminal error the
     * client received mid-stream (or {@code null}); {@code clientGone} when the client disconnected.
     */
    record Served(String accountId, List<String> attempted, Usage usage, long firstByteMillis, String streamError,
            boolean clientGone, String upstreamModel) implements ExecutionResult {
    }

    /**
     * Nothing was sent to the client: answer with {@code status}. {@code passthroughBody} is the upstream's own
     * error body for request errors that every account would answer the same way (or {@code null});
     * {@code rateLimitHeaders} are the {@code x-codex-*} headers of the last attempt's error reply (or empty).
     */
    record Refused(int status, String code, String message, Duration retryAfter, String passthroughBody,
            List<String> attempted, String lastAccountId, Map<String, String> rateLimitHeaders)
            implements ExecutionResult {
        public Refused {
            rateLimitHeaders = Map.copyOf(rateLimitHeaders);
        }

        public Refused(int status, String code, String message, Duration retryAfter, String passthroughBody,
                List<String> attempted, String lastAccountId) {
            this(status, code, message, retryAfter, passthroughBody, attempted, lastAccountId, Map.of());
        }

        Refused withRateLimitHeaders(Map<String, String> headers) {
            return new Refused(status, code, message, retryAfter, passthroughBody, attempted, lastAccountId, headers);
        }
    }

    /** {@code result} with {@code attempted} as its attempted accounts (a request tried with several models). */
    static ExecutionResult withAttempted(ExecutionResult result, List<String> attempted) {
        if (result.attempted().equals(attempted)) {
            return result;
        }
        if (result instanceof Served s) {
            return new Served(s.accountId(), List.copyOf(attempted), s.usage(), s.firstByteMillis(), s.streamError(),
                    s.clientGone(), s.upstreamModel());
        }
        Refused r = (Refused) result;
        return new Refused(r.status(), r.code(), r.message(), r.retryAfter(), r.passthroughBody(),
                List.copyOf(attempted), r.lastAccountId());
    }
}
