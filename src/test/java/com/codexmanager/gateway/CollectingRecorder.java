package com.codexmanager.gateway;

import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every request record and trace line in memory for assertions. */
final class CollectingRecorder implements RequestRecorder {
    record TraceLine(String traceId, String event, Map<String, Object> fields) {
    }

    final List<RequestRecord> records = new CopyOnWriteArrayList<>();
    final List<TraceLine> traces = new CopyOnWriteArrayList<>();

    @Override
    public void record(RequestRecord record) {
        records.add(record);
    }

    @Override
    public void trace(String traceId, TraceStep step, Map<String, Object> fields) {
        traces.add(new TraceLine(traceId, step.name(), new java.util.HashMap<>(fields)));
    }

    List<TraceLine> traces(String traceId) {
        return traces.stream().filter(t -> t.traceId().equals(traceId)).toList();
    }
}
