package com.codexmanager.gateway;

import com.codexmanager.gateway.port.RequestRecorder;
import java.util.Map;

/** Feeds {@link GatewayMetrics} from the request records and trace events, then passes them on. Thread-safe. */
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
    public void trace(String traceId, String event, Map<String, Object> fields) {
        if (event.equals("REQUEST_START")) {
            metrics.started();
        } else if (event.equals("CANDIDATE_SKIP")) {
            metrics.skipped(String.valueOf(fields.get("reason")));
        }
        delegate.trace(traceId, event, fields);
    }
}
