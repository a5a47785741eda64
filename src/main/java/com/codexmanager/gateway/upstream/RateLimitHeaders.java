package com.codexmanager.gateway.upstream;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Picks the {@code x-codex-*} rate-limit headers (and plan/credit headers) out of an upstream reply. Stateless. */
public final class RateLimitHeaders {
    private RateLimitHeaders() {
    }

    public static Map<String, String> extract(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-codex-")) {
                out.put(lower, value);
            }
        });
        return out;
    }
}
