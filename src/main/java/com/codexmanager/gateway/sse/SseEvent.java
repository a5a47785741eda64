package com.codexmanager.gateway.sse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * One server-sent event: the optional {@code event:} name and the joined {@code data:} lines. Immutable.
 *
 * @param event the {@code event:} field, or empty when the frame had none
 * @param data  the data lines joined with {@code \n}
 */
public record SseEvent(String event, String data) {
    /** The JSON {@code type} of the data, falling back to the event name; the Responses protocol keys on it. */
    public String type() {
        JsonObject json = json();
        if (json != null && json.has("type") && json.get("type").isJsonPrimitive()) {
            return json.get("type").getAsString();
        }
        return event;
    }

    /** The data parsed as a JSON object, or {@code null} when it is not one. */
    public JsonObject json() {
        try {
            var element = JsonParser.parseString(data);
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    public static SseEvent of(JsonObject data) {
        String type = data.has("type") ? data.get("type").getAsString() : "";
        return new SseEvent(type, data.toString());
    }

    /** The frame as written on the wire: {@code event:} (when named) and {@code data:} lines, then a blank line. */
    public String toWire() {
        StringBuilder out = new StringBuilder(data.length() + event.length() + 16);
        if (!event.isEmpty()) {
            out.append("event: ").append(event).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        return out.append('\n').toString();
    }
}
