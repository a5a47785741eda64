package com.codexmanager.gateway.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Null-safe reads of Gson trees, shared by the protocol mappers. Stateless. */
public final class JsonFields {
    private JsonFields() {
    }

    /** The string value of {@code name}, or {@code null} when absent or not a primitive. */
    public static String string(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    public static JsonObject object(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    public static JsonArray array(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : null;
    }

    public static boolean bool(JsonObject o, String name, boolean fallback) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : fallback;
    }

    public static long number(JsonObject o, String name, long fallback) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsLong() : fallback;
    }

    /** A message or part list whose parts are all objects (strings count as text parts elsewhere). */
    public static JsonObject textPart(String type, String text) {
        JsonObject part = new JsonObject();
        part.addProperty("type", type);
        part.addProperty("text", text);
        return part;
    }

    /** {@code {"type":"message","role":role,"content":parts}}. */
    public static JsonObject message(String role, JsonArray parts) {
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("role", role);
        message.add("content", parts);
        return message;
    }
}
