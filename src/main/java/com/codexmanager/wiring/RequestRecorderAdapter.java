package com.codexmanager.wiring;

import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.metrics.KeyTrafficMetrics;
import com.codexmanager.observability.RequestLogEntry;
import com.codexmanager.observability.RequestLogSink;
import com.codexmanager.observability.TokenUsage;
import com.codexmanager.observability.TraceEvent;
import com.codexmanager.observability.TraceLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends the gateway's request records to the request log (and the per-key counters of {@code /metrics}) and its
 * trace events to {@code gateway-trace.log}. The sinks are asynchronous or lock-free, so this never blocks a
 * request. Thread-safe.
 */
public final class RequestRecorderAdapter implements RequestRecorder {
    private final RequestLogSink log;
    private final TraceLog trace;
    private final KeyTrafficMetrics keyTraffic;

    public RequestRecorderAdapter(RequestLogSink log, TraceLog trace, KeyTrafficMetrics keyTraffic) {
        this.log = log;
        this.trace = trace;
        this.keyTraffic = keyTraffic;
    }

    @Override
    public void record(RequestRecord r) {
        keyTraffic.record(r.keyId(), r.keyPrefix(), r.status(), nonNegative(r.inputTokens()),
                nonNegative(r.cachedInputTokens()), nonNegative(r.outputTokens()), nonNegative(r.reasoningTokens()));
        log.record(RequestLogEntry.builder(r.traceId(), r.at())
                .key(r.keyId(), r.keyPrefix())
                .accounts(r.attemptedAccountIds())
                .request(r.method(), r.path(), r.adaptedPath())
                .model(r.clientModel(), r.effectiveModel(), r.reasoningEffort())
                .status(r.status())
                .error(r.errorCode(), r.errorMessage())
                .timing(r.durationMillis(), r.firstByteMillis())
                .tokens(new TokenUsage(nonNegative(r.inputTokens()), nonNegative(r.cachedInputTokens()),
                        nonNegative(r.outputTokens()), nonNegative(r.reasoningTokens())))
                .build());
    }

    @Override
    public void trace(String traceId, String event, Map<String, Object> fields) {
        TraceEvent known;
        Map<String, Object> line = fields;
        try {
            known = TraceEvent.valueOf(event);
        } catch (IllegalArgumentException e) {
            // events the trace format does not name yet (e.g. FALLBACK_UPSTREAM) travel as attempt results
            known = TraceEvent.ATTEMPT_RESULT;
            line = new LinkedHashMap<>(fields);
            line.put("step", event.toLowerCase(java.util.Locale.ROOT));
        }
        trace.event(traceId, known, line);
    }

    private static long nonNegative(Long value) {
        return value == null || value < 0 ? 0 : value;
    }
}
