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
 * A key's past usage from the request log: {@code apikey/usage} answers through it, the gateway seeds its daily
 * token limits from it at start and, on a shared database, learns what the other instances did with each key.
 * Thread-safe (stateless over the request-log service).
 */
final class KeyUsageAdapter implements KeyUsageSource, KeyTokenHistory {
    private final RequestLogService log;
    private final java.time.Clock clock;
    private final String instance;
    private final boolean shared;

    /**
     * @param instance this instance's name (request-log rows name the instance that served them)
     * @param shared   whether other instances share the database
     */
    KeyUsageAdapter(RequestLogService log, java.time.Clock clock, String instance, boolean shared) {
        this.log = log;
        this.clock = clock;
        this.instance = instance;
        this.shared = shared;
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
        if (shared) {
            // the others' rows come from othersSince; here only what this instance counted before a restart
            for (var row : log.keyActivity(from.toEpochMilli(), Long.MAX_VALUE, instance, false)) {
                if (row.tokens() > 0) {
                    out.put(row.keyId(), row.tokens());
                }
            }
            return out;
        }
        log.keyTotals(null, from.toEpochMilli(), clock.instant().toEpochMilli() + 1).forEach((key, totals) -> {
            if (!key.isEmpty() && totals.tokens() > 0) {
                out.put(key, totals.tokens());
            }
        });
        return out;
    }

    @Override
    public Others othersSince(Instant from, Instant recentFrom) {
        if (!shared) {
            return Others.NONE;
        }
        Map<String, Long> tokens = new LinkedHashMap<>();
        Map<String, Long> recent = new LinkedHashMap<>();
        for (var row : log.keyActivity(from.toEpochMilli(), recentFrom.toEpochMilli(), instance, true)) {
            tokens.put(row.keyId(), row.tokens());
            recent.put(row.keyId(), row.recentRequests());
        }
        return new Others(tokens, recent);
    }

    @Override
    public boolean shared() {
        return shared;
    }
}
