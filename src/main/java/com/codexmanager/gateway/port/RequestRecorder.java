package com.codexmanager.gateway.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where the gateway reports each request (one row) and its trace events. Implemented by the request-log feature;
 * must never block the caller. Thread-safe.
 */
public interface RequestRecorder {
    /** One finished request, successful or not. Optional fields are {@code null} when unknown. */
    record RequestRecord(Instant at, String traceId, String keyId, String keyPrefix, String initialAccountId,
            String finalAccountId, List<String> attemptedAccountIds, String method, String path, String adaptedPath,
            String clientModel, String effectiveModel, String reasoningEffort, int status, String errorCode,
            String errorMessage, long durationMillis, Long firstByteMillis, Long inputTokens,
            Long cachedInputTokens, Long outputTokens, Long reasoningTokens) {
        public RequestRecord {
            attemptedAccountIds = attemptedAccountIds == null ? List.of() : List.copyOf(attemptedAccountIds);
        }
    }

    void record(RequestRecord record);

    /**
     * A trace event with flat fields (no secrets, no bodies; the one exception is {@link TraceStep#REQUEST_BODY},
     * sent only while {@code TRACE_BODY_PREVIEW_MAX_BYTES} is above 0).
     */
    void trace(String traceId, TraceStep step, Map<String, Object> fields);

    RequestRecorder NONE = new RequestRecorder() {
        @Override
        public void record(RequestRecord record) {
        }

        @Override
        public void trace(String traceId, TraceStep step, Map<String, Object> fields) {
        }
    };
}
