package com.codexmanager.gateway.port;

import java.util.Map;

/** Receives the rate-limit headers of every upstream reply (x-codex-primary-used-percent …). Thread-safe. */
public interface UsageObserver {
    void onRateLimitHeaders(String accountId, Map<String, String> headers);

    UsageObserver NONE = (accountId, headers) -> {
    };
}
