package com.codexmanager.account.importing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Field lookup over several JSON objects in priority order, each name tried in snake_case and camelCase. A field
 * present with the wrong type is an error naming it; absent fields are {@code null}. Stateless apart from the
 * objects it reads.
 */
final class JsonFields {
    private final List<JsonObject> sources;

    JsonFields(List<JsonObject> sources) {
        this.sources = List.copyOf(sources);
    }

    static JsonObject child(JsonObject parent, String name) {
        JsonElement e = parent.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    /** The first non-null string among {@code names} in each source, in source order; blank counts as absent. */
    String text(String... names) {
        for (JsonObject source : sources) {
            for (String name : names) {
                JsonElement e = source.get(name);
                if (e == null || e.isJsonNull()) {
                    continue;
                }
                if (!e.isJsonPrimitive()) {
                    throw new IllegalArgumentException(name + " must be a string");
                }
                String value = e.getAsString().trim();
                if (!value.isEmpty()) {
                    return value;
                }
            }
        }
        return null;
    }

    Integer integer(String name) {
        for (JsonObject source : sources) {
            JsonElement e = source.get(name);
            if (e == null || e.isJsonNull()) {
                continue;
            }
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw new IllegalArgumentException(name + " must be an integer");
            }
            try {
                return e.getAsBigDecimal().intValueExact();
            } catch (ArithmeticException ex) {
                throw new IllegalArgumentException(name + " must be an integer", ex);
            }
        }
        return null;
    }

    /** Tags as an array of strings or one comma-separated string; {@code null} when absent. */
    List<String> tags(String name) {
        for (JsonObject source : sources) {
            JsonElement e = source.get(name);
            if (e == null || e.isJsonNull()) {
                continue;
            }
            if (e.isJsonPrimitive()) {
                return List.of(e.getAsString().split(","));
            }
            if (!e.isJsonArray()) {
                throw new IllegalArgumentException(name + " must be an array of strings or a comma-separated string");
            }
            List<String> out = new ArrayList<>();
            for (JsonElement item : e.getAsJsonArray()) {
                if (!item.isJsonPrimitive()) {
                    throw new IllegalArgumentException(name + " must contain strings only");
                }
                out.add(item.getAsString());
            }
            return out;
        }
        return null;
    }

    /** An instant given as RFC 3339 text or Unix seconds (milliseconds when the number is that large). */
    Instant instant(String... names) {
        for (JsonObject source : sources) {
            for (String name : names) {
                JsonElement e = source.get(name);
                if (e == null || e.isJsonNull()) {
                    continue;
                }
                if (!e.isJsonPrimitive()) {
                    throw new IllegalArgumentException(name + " must be a timestamp");
                }
                return parseInstant(name, e);
            }
        }
        return null;
    }

    private static Instant parseInstant(String name, JsonElement e) {
        if (e.getAsJsonPrimitive().isNumber()) {
            long value = e.getAsLong();
            return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        }
        String text = e.getAsString().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ex) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException(name + " is not an RFC 3339 timestamp", again);
            }
        }
    }
}
