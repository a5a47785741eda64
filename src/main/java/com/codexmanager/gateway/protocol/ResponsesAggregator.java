package com.codexmanager.gateway.protocol;

import com.codexmanager.gateway.sse.SseEvent;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.TreeMap;

/**
 * Serves a non-streaming client from the upstream stream: collects every {@code response.output_item.done} item
 * by {@code output_index} and, at the terminal event, returns the response object with {@code output} rebuilt
 * from those items (the backend's {@code response.completed.output} may be empty). Single-thread use.
 */
public final class ResponsesAggregator implements ClientStream {
    private final TreeMap<Integer, JsonObject> items = new TreeMap<>();
    private JsonObject terminal;
    private String failureCode;
    private String failureMessage;

    @Override
    public void begin() {
        // nothing is sent until the whole answer is known
    }

    @Override
    public void event(SseEvent event) {
        // only the items and the terminal event are decoded; deltas are skipped by their type alone
        String type = event.type();
        if ("response.output_item.done".equals(type)) {
            JsonObject json = event.json();
            if (json != null && json.has("item") && json.get("item").isJsonObject()) {
                int index = json.has("output_index") ? json.get("output_index").getAsInt() : items.size();
                items.put(index, json.getAsJsonObject("item"));
            }
        } else if (type.equals("response.completed") || type.equals("response.incomplete")
                || type.equals("response.failed")) {
            terminal = event.json();
        }
    }

    @Override
    public void flush() {
        // nothing is sent until the whole answer is known
    }

    @Override
    public void keepalive() {
        // a non-streaming client cannot take keep-alives
    }

    @Override
    public void fail(String code, String message) {
        this.failureCode = code;
        this.failureMessage = message;
    }

    @Override
    public void end() {
        // the route renders the result
    }

    /** The final response object, or {@code null} when the stream ended without a terminal event. */
    public JsonObject response() {
        if (terminal == null || !terminal.has("response") || !terminal.get("response").isJsonObject()) {
            return null;
        }
        JsonObject response = terminal.getAsJsonObject("response");
        JsonArray output = new JsonArray();
        items.values().forEach(output::add);
        JsonElement existing = response.get("output");
        if (!output.isEmpty() || existing == null || !existing.isJsonArray()) {
            response.add("output", output);
        }
        return response;
    }

    /** Whether the upstream ended with {@code response.failed}. */
    public boolean failed() {
        return terminal != null && "response.failed".equals(terminal.get("type").getAsString());
    }

    public String failureCode() {
        return failureCode;
    }

    public String failureMessage() {
        return failureMessage;
    }
}
