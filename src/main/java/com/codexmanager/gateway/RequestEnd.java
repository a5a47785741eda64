package com.codexmanager.gateway;

import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records how a request ended, once: the final trace line and the request-log row, both built from the
 * {@link RequestFacts} the steps learned and the {@link Ending}. Thread-safe.
 */
final class RequestEnd {
    private final RequestRecorder recorder;
    private final Clock clock;

    RequestEnd(RequestRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    void record(RequestFacts facts, Ending ending) {
        RequestRecorder.RequestRecord record = record(facts, ending, clock.instant());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", record.status());
        if (record.finalAccountId() != null) {
            fields.put("account_id", record.finalAccountId());
        }
        fields.put("elapsed_ms", record.durationMillis());
        if (record.errorCode() != null) {
            fields.put("code", record.errorCode());
        }
        recorder.trace(facts.traceId(), TraceStep.REQUEST_FINAL, fields);
        recorder.record(record);
    }

    static RequestRecorder.RequestRecord record(RequestFacts f, Ending e, Instant end) {
        String initial = e.attempted().isEmpty() ? null : e.attempted().get(0);
        ExecutionResult.Usage usage = e.usage();
        return new RequestRecorder.RequestRecord(f.startedAt(), f.traceId(), f.keyId(), f.keyPrefix(), initial,
                e.finalAccountId(), e.attempted(), f.transport(), f.method(), f.path(), f.adaptedPath(),
                f.clientModel(), f.effectiveModel(), f.reasoningEffort(), e.status(), e.errorCode(),
                e.errorMessage(), Duration.between(f.startedAt(), end).toMillis(), e.firstByteMillis(),
                usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens(), usage.reasoningTokens());
    }
}
