package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.gateway.protocol.OpenAiErrorRenderer;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The frames the gateway writes itself on a Responses WebSocket (codex-protocol.md §2.7, §2.9): an error before
 * any output is {@code {"type":"error","status":N,"error":{…},"headers":{…}}}, which Codex maps to the HTTP error
 * with that status and those headers (so a 429 reads as a usage limit, with the {@code x-codex-*} rate limits of
 * §2.6, and {@code websocket_connection_limit_reached} as "reconnect");
 * a warm-up turn ({@code "generate": false}) is answered with an empty completed response. Stateless.
 */
final class SocketFrames {
    private SocketFrames() {
    }

    /** The error frame for {@code error}; its {@code error} object is the one the HTTP body would carry. */
    static String error(GatewayError error) {
        return error(error, Map.of());
    }

    /** @param upstreamHeaders headers of the upstream's error reply that Codex reads ({@code x-codex-*}) */
    static String error(GatewayError error, Map<String, String> upstreamHeaders) {
        JsonObject frame = new JsonObject();
        frame.addProperty("type", "error");
        frame.addProperty("status", error.status());
        frame.add("error", OpenAiErrorRenderer.envelope(error).get("error"));
        JsonObject headers = new JsonObject();
        upstreamHeaders.forEach(headers::addProperty);
        if (error.retryAfter() != null) {
            headers.addProperty("retry-after", GatewayError.retryAfterSeconds(error.retryAfter()));
        }
        frame.add("headers", headers);
        return frame.toString();
    }

    /** {@code response.created} then {@code response.completed}, no output and zero usage: a warm-up's answer. */
    static List<String> warmup(String responseId, String model, Instant now) {
        JsonObject created = response(responseId, model, now, "in_progress");
        created.add("usage", JsonNull.INSTANCE);
        JsonObject completed = response(responseId, model, now, "completed");
        JsonObject usage = new JsonObject();
        usage.addProperty("input_tokens", 0);
        usage.addProperty("output_tokens", 0);
        usage.addProperty("total_tokens", 0);
        usage.add("input_tokens_details", JsonNull.INSTANCE);
        usage.add("output_tokens_details", JsonNull.INSTANCE);
        completed.add("usage", usage);
        return List.of(event("response.created", 0, created), event("response.completed", 1, completed));
    }

    private static JsonObject response(String id, String model, Instant now, String status) {
        JsonObject response = new JsonObject();
        response.addProperty("id", id);
        response.addProperty("object", "response");
        response.addProperty("created_at", now.getEpochSecond());
        response.addProperty("status", status);
        response.addProperty("model", model);
        response.add("output", new com.google.gson.JsonArray());
        return response;
    }

    private static String event(String type, int sequence, JsonObject response) {
        JsonObject event = new JsonObject();
        event.addProperty("type", type);
        event.addProperty("sequence_number", sequence);
        event.add("response", response);
        return event.toString();
    }
}
