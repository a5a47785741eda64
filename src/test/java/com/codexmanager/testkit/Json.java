package com.codexmanager.testkit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.Collection;
import java.util.Map;

/** Small helpers to build and read Gson trees without ceremony. Stateless. */
final class Json {
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private Json() {
    }

    /** An object from alternating keys and values; values go through {@link #value}. */
    static JsonObject obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keysAndValues needs an even length: " + keysAndValues.length);
        }
        JsonObject object = new JsonObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.add((String) keysAndValues[i], value(keysAndValues[i + 1]));
        }
        return object;
    }

    static JsonArray arr(Object... values) {
        JsonArray array = new JsonArray();
        for (Object value : values) {
            array.add(value(value));
        }
        return array;
    }

    /** Converts null, strings, numbers, booleans, collections, maps and Gson trees. */
    static JsonElement value(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        } else if (value instanceof JsonElement element) {
            return element;
        } else if (value instanceof String text) {
            return new JsonPrimitive(text);
        } else if (value instanceof Double number) {
            return percent(number);
        } else if (value instanceof Number number) {
            return new JsonPrimitive(number);
        } else if (value instanceof Boolean flag) {
            return new JsonPrimitive(flag);
        } else if (value instanceof Collection<?> items) {
            return arr(items.toArray());
        } else if (value instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            map.forEach((key, item) -> object.add(String.valueOf(key), value(item)));
            return object;
        }
        throw new IllegalArgumentException("unsupported JSON value type: " + value.getClass().getName());
    }

    /** A number that prints as an integer when it is whole ({@code 12}, not {@code 12.0}). */
    static JsonPrimitive percent(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value)) {
            return new JsonPrimitive((long) value);
        }
        return new JsonPrimitive(value);
    }

    /** The same rule as {@link #percent} for header values. */
    static String percentText(double value) {
        return percent(value).toString();
    }

    static String write(JsonElement element) {
        return GSON.toJson(element);
    }

    /** Parses an object; throws {@link IllegalArgumentException} when the text is not a JSON object. */
    static JsonObject parseObject(String text) {
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return element.getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
    }

    /** A string member, or null when it is absent, null or not a string. */
    static String string(JsonObject object, String key) {
        JsonElement element = object.get(key);
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            return null;
        }
        return element.getAsString();
    }
}
