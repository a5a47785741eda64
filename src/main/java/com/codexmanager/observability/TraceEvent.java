package com.codexmanager.observability;

/**
 * The events of one gateway request, in the order they normally occur. Suggested fields (snake_case) are listed
 * per event; any others may be added.
 */
public enum TraceEvent {
    /** {@code key_id, key_prefix, method, path, client_model}; optionally {@link TraceLog#BODY}. */
    REQUEST_START,
    /**
     * {@link TraceLog#BODY}: the client's request body, sent only while {@code TRACE_BODY_PREVIEW_MAX_BYTES} is above
     * 0; the line keeps {@code body_bytes} and a redacted prefix of at most that many bytes.
     */
    REQUEST_BODY,
    /** {@code candidates} (account ids in order), {@code strategy}, {@code account_group}. */
    CANDIDATE_POOL,
    /** {@code account_id, attempt, upstream_url}. */
    CANDIDATE_START,
    /** {@code account_id, reason} (cooldown, inflight_limit, group_mismatch, unavailable, …). */
    CANDIDATE_SKIP,
    /** {@code account_id, status, elapsed_ms, outcome} (ok, retry_next, fatal), {@code code}. */
    ATTEMPT_RESULT,
    /** {@code account_id, outcome}: the attempt is repeated against the fallback upstream. */
    FALLBACK_UPSTREAM,
    /** {@code account_id, transport} ({@code websocket}, {@code http}), {@code reason}. */
    UPSTREAM_TRANSPORT,
    /** {@code model}: every account tried refused the model as not supported; the request goes on with this one. */
    MODEL_FALLBACK,
    /** {@code host, path}: an azure_openai key's request goes to its own Azure resource. */
    AZURE_FORWARD,
    /** {@code status, account_id, elapsed_ms, first_byte_ms, code, error}. */
    REQUEST_FINAL
}
