package com.codexmanager.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;

/** Reading optional fields of RPC results for display. Stateless. */
final class Fields {
    private Fields() {
    }

    /** The field as text, or {@code fallback} when absent or null. */
    static String text(JsonObject object, String name, String fallback) {
        JsonElement e = object.get(name);
        return e == null || e.isJsonNull() ? fallback : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static long number(JsonObject object, String name) {
        JsonElement e = object.get(name);
        return e == null || e.isJsonNull() ? 0 : e.getAsLong();
    }

    /** A percentage field as {@code 42%}, or {@code -}. */
    static String percent(JsonObject object, String name) {
        JsonElement e = object.get(name);
        return e == null || e.isJsonNull() ? "-" : String.format(Locale.ROOT, "%.0f%%", e.getAsDouble());
    }

    static JsonObject object(JsonObject object, String name) {
        JsonElement e = object.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }
}
