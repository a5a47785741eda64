package com.codexmanager.gateway.sse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * The top-level fields of a Responses delta event: {@code delta} (text or argument fragment), {@code output_index}
 * and {@code summary_index} (-1 when absent). Immutable.
 */
public record Delta(String text, int outputIndex, int summaryIndex) {
    static final Delta NONE = new Delta(null, -1, -1);

    static Delta read(String data) {
        try (JsonReader reader = new JsonReader(new StringReader(data))) {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                return NONE;
            }
            reader.beginObject();
            String text = null;
            int output = -1;
            int summary = -1;
            while (reader.hasNext()) {
                String name = reader.nextName();
                JsonToken token = reader.peek();
                if (name.equals("delta") && token == JsonToken.STRING) {
                    text = reader.nextString();
                } else if (name.equals("output_index") && token == JsonToken.NUMBER) {
                    output = reader.nextInt();
                } else if (name.equals("summary_index") && token == JsonToken.NUMBER) {
                    summary = reader.nextInt();
                } else {
                    reader.skipValue();
                }
            }
            return new Delta(text, output, summary);
        } catch (IOException | IllegalStateException | JsonParseException | NumberFormatException e) {
            return NONE;
        }
    }

    static Delta of(JsonObject json) {
        return new Delta(string(json.get("delta")), number(json.get("output_index")),
                number(json.get("summary_index")));
    }

    private static String string(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    private static int number(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsInt() : -1;
    }
}
