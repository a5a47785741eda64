package com.codexmanager.gateway;

import io.javalin.http.Context;
import java.util.function.UnaryOperator;

/** Finds the platform key a client sent: {@code Authorization: Bearer}, {@code x-api-key} or {@code api-key}. */
final class ApiKeyExtractor {
    private ApiKeyExtractor() {
    }

    /** The presented key, or {@code null} when none was sent. */
    static String extract(Context ctx) {
        return extract(ctx::header);
    }

    /**
     * @param header looks a request header up by name (case-insensitively), {@code null} when absent
     * @return the presented key, or {@code null} when none was sent
     */
    static String extract(UnaryOperator<String> header) {
        String authorization = header.apply("Authorization");
        if (authorization != null) {
            String trimmed = authorization.trim();
            if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String key = trimmed.substring(7).trim();
                if (!key.isEmpty()) {
                    return key;
                }
            }
        }
        for (String name : new String[] {"x-api-key", "api-key"}) {
            String value = header.apply(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
