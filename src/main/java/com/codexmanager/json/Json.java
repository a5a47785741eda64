package com.codexmanager.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;

/**
 * The JSON conventions of the service: field names as written in records (camelCase), nulls kept so result
 * shapes are stable, no HTML escaping. Gson instances are immutable and thread-safe.
 */
public final class Json {
    public static final Gson GSON = new GsonBuilder()
            .serializeNulls()
            .disableHtmlEscaping()
            .registerTypeAdapter(java.time.Instant.class, new InstantAdapter().nullSafe())
            .create();

    private Json() {
    }

    public static String write(Object value) {
        return GSON.toJson(value);
    }

    public static JsonElement tree(Object value) {
        return GSON.toJsonTree(value);
    }

    /** Parses strict JSON (no lenient tricks such as unquoted names or trailing garbage). */
    public static JsonElement parse(String text) {
        try (var reader = new com.google.gson.stream.JsonReader(new java.io.StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new JsonSyntaxException("trailing data after the JSON value");
            }
            return element;
        } catch (java.io.IOException e) {
            throw new JsonSyntaxException(e);
        }
    }

    public static JsonObject object(String text) {
        JsonElement element = parse(text);
        if (!element.isJsonObject()) {
            throw new JsonSyntaxException("expected a JSON object");
        }
        return element.getAsJsonObject();
    }
}
