package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One server-sent event: the {@code event:} name (empty when absent) and the joined {@code data:} lines.
 * Immutable. {@link #parse} reads a whole body, which is handy for asserting on SSE in tests.
 */
public record SseEvent(String event, String data) {

    public SseEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }

    /** The data parsed as a JSON object. */
    public JsonObject json() {
        return Json.parseObject(data);
    }

    /** The JSON {@code type} of the data, which clients key on; empty when there is none. */
    public String type() {
        try {
            String type = Json.string(json(), "type");
            return type == null ? "" : type;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Splits an SSE body into events; comments and a trailing partial event are ignored. */
    public static List<SseEvent> parse(String body) {
        List<SseEvent> events = new ArrayList<>();
        String event = "";
        StringBuilder data = null;
        for (String line : body.split("\r\n|\n|\r", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new SseEvent(event, data.toString()));
                }
                event = "";
                data = null;
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return List.copyOf(events);
    }
}
