package com.codexmanager.observability;

import java.util.Map;

/**
 * The gateway's per-request trace ({@code gateway-trace.log} in the data dir): one line per event, for example
 * <pre>ts=2026-05-01T10:00:00.123Z trace=trc_1a2b event=CANDIDATE_SKIP account_id=acc_1 reason=cooldown</pre>
 * Lines are written asynchronously, pass through the log redactor and never contain request bodies unless
 * {@code CODEXMANAGER_TRACE_BODY_PREVIEW_MAX_BYTES} is above 0 (then a redacted, truncated preview of the value
 * under {@link #BODY}). Implementations never block the caller and never throw. Thread-safe.
 */
public interface TraceLog {
    /** Field for a request body ({@code byte[]} or {@code String}); dropped unless previews are enabled. */
    String BODY = "body";

    /**
     * Records one event.
     *
     * @param fields values rendered with {@code toString()} (collections as {@code [a,b]}); {@code null} values
     *               are written as {@code -}. The map is copied; the caller may reuse it.
     */
    void event(String traceId, TraceEvent event, Map<String, ?> fields);

    /** A trace that writes nothing. */
    TraceLog NONE = (traceId, event, fields) -> {
    };
}
