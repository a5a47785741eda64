package com.codexmanager.gateway;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;

/**
 * Finds the conversation a request belongs to, for session affinity and the upstream {@code session_id}:
 * {@code prompt_cache_key}, then the {@code session_id} / {@code session-id} / {@code thread-id} /
 * {@code conversation_id} / {@code x-claude-code-session-id} headers. A request that names none has no conversation
 * of its own; a WebSocket turn then takes its connection's ({@link SocketConnection#conversationKey()}). Stateless.
 */
final class ConversationKeys {
    private static final String[] HEADERS = {"session_id", "session-id", "x-session-id", "thread-id",
            "thread_id", "conversation_id", "conversation-id", "x-claude-code-session-id"};

    private ConversationKeys() {
    }

    /** The conversation key, or {@code null} when the request names none. */
    static String of(JsonObject body, Map<String, String> lowerCaseHeaders) {
        JsonElement cacheKey = body.get("prompt_cache_key");
        if (cacheKey != null && cacheKey.isJsonPrimitive() && !cacheKey.getAsString().isBlank()) {
            return cacheKey.getAsString();
        }
        return ofHeaders(lowerCaseHeaders);
    }

    /** The conversation key named by the headers alone, or {@code null}. */
    static String ofHeaders(Map<String, String> lowerCaseHeaders) {
        for (String header : HEADERS) {
            String value = lowerCaseHeaders.get(header);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
