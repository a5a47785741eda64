package com.codexmanager.desktop.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Lenient readers for RPC result objects: a missing or null member gives the fallback. Stateless. */
final class Json2 {
    private Json2() {
    }

    static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static String text(JsonObject o, String... keys) {
        for (String key : keys) {
            String value = text(o, key);
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    static long number(JsonObject o, String key, long fallback) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull() || !e.isJsonPrimitive()) {
            return fallback;
        }
        try {
            return e.getAsLong();
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }

    static Double decimal(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull() || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        return e.getAsDouble();
    }

    static boolean bool(JsonObject o, String key, boolean fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsBoolean();
    }

    /** Unix seconds (or an ISO string) to an instant; {@code null} when absent. */
    static Instant instant(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull() || !e.isJsonPrimitive()) {
            return null;
        }
        if (e.getAsJsonPrimitive().isNumber()) {
            long value = e.getAsLong();
            return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        }
        try {
            return Instant.parse(e.getAsString());
        } catch (java.time.format.DateTimeParseException ex) {
            return null;
        }
    }

    static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        JsonElement e = o.get(key);
        if (e != null && e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> out.add(x.getAsString()));
        } else if (e != null && e.isJsonPrimitive() && !e.getAsString().isBlank()) {
            for (String part : e.getAsString().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    static List<JsonObject> objects(JsonObject o, String key) {
        List<JsonObject> out = new ArrayList<>();
        JsonElement e = o.get(key);
        if (e != null && e.isJsonArray()) {
            for (JsonElement x : (JsonArray) e) {
                if (x.isJsonObject()) {
                    out.add(x.getAsJsonObject());
                }
            }
        }
        return out;
    }
}
