package com.codexmanager.gateway.limits;

import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
import java.util.Map;

/**
 * Feeds each finished request's tokens to the {@link KeyLimiter} (so daily token limits follow the request log
 * without reading it), then passes the record on. Thread-safe; never blocks beyond the key's own counter.
 */
public final class KeyUsageRecorder implements RequestRecorder {
    private final RequestRecorder next;
    private final KeyLimiter limiter;

    public KeyUsageRecorder(RequestRecorder next, KeyLimiter limiter) {
        this.next = next;
        this.limiter = limiter;
    }

    @Override
    public void record(RequestRecord record) {
        long tokens = nonNegative(record.inputTokens()) + nonNegative(record.outputTokens());
        limiter.recordTokens(record.keyId(), tokens, record.at());
        next.record(record);
    }

    @Override
    public void trace(String traceId, TraceStep step, Map<String, Object> fields) {
        next.trace(traceId, step, fields);
    }

    private static long nonNegative(Long value) {
        return value == null || value < 0 ? 0 : value;
    }
}
