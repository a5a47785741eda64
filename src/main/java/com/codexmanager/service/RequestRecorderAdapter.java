package com.codexmanager.service;

import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
import com.codexmanager.metrics.KeyTrafficMetrics;
import com.codexmanager.observability.RequestLogEntry;
import com.codexmanager.observability.RequestLogSink;
import com.codexmanager.observability.TokenUsage;
import com.codexmanager.observability.TraceEvent;
import com.codexmanager.observability.TraceLog;
import java.util.Map;

/**
 * Sends the gateway's request records to the request log (and the per-key counters of {@code /metrics}) and its
 * trace events to {@code gateway-trace.log}. The sinks are asynchronous or lock-free, so this never blocks a
 * request. Thread-safe.
 */
final class RequestRecorderAdapter implements RequestRecorder {
    private final RequestLogSink log;
    private final TraceLog trace;
    private final KeyTrafficMetrics keyTraffic;
    private final String instanceName;

    /** @param instanceName this instance's name, written on every row (several may share one database) */
    RequestRecorderAdapter(RequestLogSink log, TraceLog trace, KeyTrafficMetrics keyTraffic,
            String instanceName) {
        this.log = log;
        this.trace = trace;
        this.keyTraffic = keyTraffic;
        this.instanceName = instanceName;
    }

    @Override
    public void record(RequestRecord r) {
        keyTraffic.record(r.keyId(), r.keyPrefix(), r.status(), nonNegative(r.inputTokens()),
                nonNegative(r.cachedInputTokens()), nonNegative(r.outputTokens()), nonNegative(r.reasoningTokens()));
        log.record(RequestLogEntry.builder(r.traceId(), r.at())
                .instance(instanceName)
                .key(r.keyId(), r.keyPrefix())
                .accounts(r.attemptedAccountIds())
                .transport(r.transport())
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
    public void trace(String traceId, TraceStep step, Map<String, Object> fields) {
        trace.event(traceId, event(step), fields);
    }

    static TraceEvent event(TraceStep step) {
        return switch (step) {
            case REQUEST_START -> TraceEvent.REQUEST_START;
            case REQUEST_BODY -> TraceEvent.REQUEST_BODY;
            case CANDIDATE_POOL -> TraceEvent.CANDIDATE_POOL;
            case CANDIDATE_SKIP -> TraceEvent.CANDIDATE_SKIP;
            case CANDIDATE_START -> TraceEvent.CANDIDATE_START;
            case ATTEMPT_RESULT -> TraceEvent.ATTEMPT_RESULT;
            case FALLBACK_UPSTREAM -> TraceEvent.FALLBACK_UPSTREAM;
            case UPSTREAM_TRANSPORT -> TraceEvent.UPSTREAM_TRANSPORT;
            case MODEL_FALLBACK -> TraceEvent.MODEL_FALLBACK;
            case AZURE_FORWARD -> TraceEvent.AZURE_FORWARD;
            case REQUEST_FINAL -> TraceEvent.REQUEST_FINAL;
        };
    }

    private static long nonNegative(Long value) {
        return value == null || value < 0 ? 0 : value;
    }
}
