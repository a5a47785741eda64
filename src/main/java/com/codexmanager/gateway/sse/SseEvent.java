package com.codexmanager.gateway.sse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * One server-sent event: the optional {@code event:} name and the joined {@code data:} lines. Immutable.
 *
 * @param event the {@code event:} field, or empty when the frame had none
 * @param data  the data lines joined with {@code \n}
 */
public record SseEvent(String event, String data) {
    /**
     * The JSON {@code type} of the data, falling back to the event name; the Responses protocol keys on it. Reads
     * only as far as the {@code type} field (it comes first in practice), so it is cheap to call per event.
     */
    public String type() {
        try (JsonReader reader = new JsonReader(new StringReader(data))) {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                return event;
            }
            reader.beginObject();
            while (reader.hasNext()) {
                if (reader.nextName().equals("type") && reader.peek() == JsonToken.STRING) {
                    return reader.nextString();
                }
                reader.skipValue();
            }
            return event;
        } catch (IOException | IllegalStateException | JsonParseException e) {
            return event;
        }
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
