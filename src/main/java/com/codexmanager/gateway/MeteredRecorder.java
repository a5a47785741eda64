package com.codexmanager.gateway;

import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
import java.util.Map;

/**
 * Feeds {@link GatewayMetrics} counters from the request records and skip events, then passes them on (the
 * in-flight gauge is kept by the pipeline itself, so it also comes down for requests that end in a bug).
 * Thread-safe.
 */
final class MeteredRecorder implements RequestRecorder {
    private final RequestRecorder delegate;
    private final GatewayMetrics metrics;

    MeteredRecorder(RequestRecorder delegate, GatewayMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void record(RequestRecord record) {
        metrics.finished(record.status(), record.durationMillis(), record.firstByteMillis(),
                record.attemptedAccountIds().size());
        delegate.record(record);
    }

    @Override
    public void trace(String traceId, TraceStep step, Map<String, Object> fields) {
        if (step == TraceStep.CANDIDATE_SKIP) {
            metrics.skipped(String.valueOf(fields.get("reason")));
        }
        delegate.trace(traceId, step, fields);
    }
}
