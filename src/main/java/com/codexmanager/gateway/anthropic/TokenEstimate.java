package com.codexmanager.gateway.anthropic;

import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The local answer of {@code /v1/messages/count_tokens} (the backend has no count endpoint): the request is mapped
 * as for {@code /v1/messages}, every string value of the mapped input, tools and text format (texts, tool names,
 * arguments, outputs, descriptions, schemas) is joined, and the estimate is one token per 4 UTF-8 bytes, rounded
 * up, at least 1. Good enough for context bookkeeping, not for billing. Stateless.
 */
public final class TokenEstimate {
    private static final int BYTES_PER_TOKEN = 4;

    private TokenEstimate() {
    }

    /** @throws com.codexmanager.gateway.protocol.AdapterException when the body cannot be mapped */
    public static long count(JsonObject body, Map<String, String> headers) {
        AdaptedRequest mapped = MessagesRequestMapper.map(body, headers);
        long bytes = 0;
        for (String field : new String[] {"input", "tools", "text"}) {
            bytes += stringBytes(mapped.body().get(field));
        }
        return Math.max(1, (bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN);
    }

    private static long stringBytes(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return 0;
        }
        if (element.isJsonPrimitive()) {
            return element.getAsJsonPrimitive().isString()
                    ? element.getAsString().getBytes(StandardCharsets.UTF_8).length : 0;
        }
        long total = 0;
        if (element.isJsonArray()) {
            for (JsonElement child : element.getAsJsonArray()) {
                total += stringBytes(child);
            }
            return total;
        }
        for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
            if (!entry.getKey().equals("type") && !entry.getKey().equals("role")) {
                total += stringBytes(entry.getValue());
            }
        }
        return total;
    }
}
