package com.codexmanager.gateway.anthropic;

import static com.codexmanager.gateway.protocol.JsonFields.string;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Map;

/**
 * The conversation id of an Anthropic request, for affinity and the upstream prompt cache: {@code session_id}
 * inside {@code metadata.user_id} (a JSON string in current Claude Code; {@code …_session_<id>} in older ones),
 * else the {@code x-claude-code-session-id} header. Stateless.
 */
final class SessionIds {
    private static final String OLD_MARKER = "_session_";

    private SessionIds() {
    }

    /** The session id, or {@code null}. */
    static String of(JsonObject metadata, Map<String, String> headers) {
        String userId = string(metadata, "user_id");
        if (userId != null && !userId.isBlank()) {
            String fromJson = fromJson(userId);
            if (fromJson != null) {
                return fromJson;
            }
            int marker = userId.lastIndexOf(OLD_MARKER);
            if (marker >= 0 && marker + OLD_MARKER.length() < userId.length()) {
                return userId.substring(marker + OLD_MARKER.length());
            }
        }
        String header = headers.get("x-claude-code-session-id");
        return header == null || header.isBlank() ? null : header.trim();
    }

    private static String fromJson(String userId) {
        if (!userId.trim().startsWith("{")) {
            return null;
        }
        try {
            JsonElement parsed = JsonParser.parseString(userId);
            String session = parsed.isJsonObject() ? string(parsed.getAsJsonObject(), "session_id") : null;
            return session == null || session.isBlank() ? null : session;
        } catch (JsonParseException e) {
            return null;
        }
    }
}
