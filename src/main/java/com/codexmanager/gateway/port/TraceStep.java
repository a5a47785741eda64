package com.codexmanager.gateway.port;

/**
 * The steps of one gateway request that are written to the trace, in the order they normally occur. Fields are
 * flat snake_case values (ids, codes, numbers), never secrets or bodies.
 */
public enum TraceStep {
    /** {@code method, path}. */
    REQUEST_START,
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
    /** {@code host, path}: an azure_openai key's request goes to its own Azure resource. */
    AZURE_FORWARD,
    /** {@code status, account_id, elapsed_ms, code}. */
    REQUEST_FINAL
}
