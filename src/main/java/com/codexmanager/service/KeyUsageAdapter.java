package com.codexmanager.service;

import com.codexmanager.apikey.KeyUsage;
import com.codexmanager.apikey.KeyUsageSource;
import com.codexmanager.gateway.port.KeyTokenHistory;
import com.codexmanager.observability.KeyTotals;
import com.codexmanager.observability.RequestLogService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A key's past usage from the request log: {@code apikey/usage} answers through it, and the gateway seeds its daily
 * token limits from it at start. Thread-safe (stateless over the request-log service).
 */
final class KeyUsageAdapter implements KeyUsageSource, KeyTokenHistory {
    private final RequestLogService log;
    private final java.time.Clock clock;

    KeyUsageAdapter(RequestLogService log, java.time.Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public KeyUsage usage(String keyId, Instant from, Instant to) {
        KeyTotals totals = log.keyTotals(keyId, from.toEpochMilli(), to.toEpochMilli())
                .getOrDefault(keyId, KeyTotals.empty(keyId));
        return new KeyUsage(keyId, from, to, totals.requests(), totals.inputTokens(), totals.cachedInputTokens(),
                totals.outputTokens(), totals.errors());
    }

    @Override
    public Map<String, Long> tokensSince(Instant from) {
        Map<String, Long> out = new LinkedHashMap<>();
        log.keyTotals(null, from.toEpochMilli(), clock.instant().toEpochMilli() + 1).forEach((key, totals) -> {
            if (!key.isEmpty() && totals.tokens() > 0) {
                out.put(key, totals.tokens());
            }
        });
        return out;
    }
}
