package com.codexmanager.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Requests and tokens per platform key: {@code codexmanager_key_requests_total{key_id, key_prefix, status_class}} and
 * {@code codexmanager_key_tokens_total{key_id, key_prefix, type}} ({@code input}, {@code cached_input},
 * {@code output}, {@code reasoning}). Requests refused before a key was recognised count under {@code key_id="none"}.
 * The key prefix is the display prefix ({@code cmk_Ab12Cd34}), never the secret. Thread-safe (the client's counters
 * are).
 */
public final class KeyTrafficMetrics {
    private static final String NONE = "none";

    private final Counter requests;
    private final Counter tokens;

    public KeyTrafficMetrics() {
        this.requests = Counter.builder().name("codexmanager_key_requests")
                .help("Gateway requests per platform key, by status class (2xx, 4xx, 5xx).")
                .labelNames("key_id", "key_prefix", "status_class").build();
        this.tokens = Counter.builder().name("codexmanager_key_tokens")
                .help("Tokens used per platform key, by type (input, cached_input, output, reasoning).")
                .labelNames("key_id", "key_prefix", "type").build();
    }

    void register(PrometheusRegistry registry) {
        registry.register(requests);
        registry.register(tokens);
    }

    /**
     * Counts one finished gateway request.
     *
     * @param keyId     nullable: refused before the key was known
     * @param keyPrefix nullable
     */
    public void record(String keyId, String keyPrefix, int status, long inputTokens, long cachedInputTokens,
            long outputTokens, long reasoningTokens) {
        String id = keyId == null ? NONE : keyId;
        String prefix = keyPrefix == null ? NONE : keyPrefix;
        requests.labelValues(id, prefix, (status / 100) + "xx").inc();
        add(id, prefix, "input", inputTokens);
        add(id, prefix, "cached_input", cachedInputTokens);
        add(id, prefix, "output", outputTokens);
        add(id, prefix, "reasoning", reasoningTokens);
    }

    private void add(String id, String prefix, String type, long count) {
        if (count > 0) {
            tokens.labelValues(id, prefix, type).inc(count);
        }
    }
}
