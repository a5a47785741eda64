package com.codexmanager.observability;

import java.time.Instant;
import java.util.List;

/**
 * One stored request-log row as returned by {@code requestlog/list}. Token fields are {@code null} when the
 * upstream reported no usage. Immutable.
 *
 * @param createdAt when the request arrived (serialised as Unix seconds)
 * @param createdAtMs the same instant in epoch milliseconds, for ordering and display with milliseconds
 * @param transport {@code http} or {@code websocket} (rows from before the column existed are {@code http})
 * @param error the error message, or {@code null}
 * @param instance the service instance that served the request, or {@code null} (rows from before it was kept)
 */
public record RequestLogItem(long id, Instant createdAt, long createdAtMs, String traceId, String keyId,
        String keyPrefix, String initialAccountId, String accountId, List<String> attemptedAccountIds,
        String transport, String method, String path, String adaptedPath, String clientModel, String model,
        String reasoningEffort, int statusCode, String errorCode, String error, long durationMs, Long firstByteMs,
        Long inputTokens, Long cachedInputTokens, Long outputTokens, Long reasoningOutputTokens, Long totalTokens,
        String instance) {
}
