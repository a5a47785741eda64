package com.codexmanager.gateway.port;

/**
 * The steps of one gateway request that are written to the trace, in the order they normally occur. Fields are
 * flat snake_case values (ids, codes, numbers), never secrets or bodies (except {@link #REQUEST_BODY}, opt-in).
 */
public enum TraceStep {
    /** {@code method, path}. */
    REQUEST_START,
    /**
     * {@code body}: the client's request body, sent only while {@code TRACE_BODY_PREVIEW_MAX_BYTES} is above 0 (the
     * trace keeps a redacted prefix of at most that many bytes); the one step that carries a body.
     */
    REQUEST_BODY,
    /** {@code source} (ordered, balanced, affinity, manual), {@code candidates} (account ids in order). */
    CANDIDATE_POOL,
    /** {@code account_id, reason} (cooldown, inflight_limit, group_mismatch, unavailable, …). */
    CANDIDATE_SKIP,
    /** {@code account_id, attempt}. */
    CANDIDATE_START,
    /** {@code account_id, outcome}: how an attempt that did not serve the request ended. */
    ATTEMPT_RESULT,
    /** {@code account_id, outcome}: the attempt is repeated against the fallback upstream. */
    FALLBACK_UPSTREAM,
    /**
     * {@code account_id, transport} ({@code websocket}, {@code http}), {@code reason}: how a WebSocket turn's attempt
     * reaches the upstream (a new or reused upstream WebSocket, or HTTP SSE after a refused upgrade).
     */
    UPSTREAM_TRANSPORT,
    /** {@code model}: every account tried refused the model as not supported; the request goes on with this one. */
    MODEL_FALLBACK,
    /** {@code host, path}: an azure_openai key's request goes to its own Azure resource. */
    AZURE_FORWARD,
    /** {@code status, account_id, elapsed_ms, code}. */
    REQUEST_FINAL
}
