package com.codexmanager.rpc;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to a method's {@code params} object. Every accessor throws {@link RpcException} with code -32602
 * and a message naming the field when the value is missing or of the wrong type. Immutable view.
 */
public final class RpcParams {
    public static final long MIN_EPOCH_SECONDS = 0;
    public static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

    private final JsonObject params;

    public RpcParams(JsonObject params) {
        this.params = params;
    }

    public static RpcParams empty() {
        return new RpcParams(new JsonObject());
    }

    public JsonObject raw() {
        return params;
    }

    public boolean has(String name) {
        return params.has(name) && !params.get(name).isJsonNull();
    }

    /** Whether the key is present at all, even with {@code null} ("set or clear" semantics). */
    public boolean present(String name) {
        return params.has(name);
    }

    public String string(String name) {
        return optionalString(name).orElseThrow(() -> RpcException.invalidParams(name, "is required"));
    }

    public String nonBlank(String name) {
        String value = string(name).trim();
        if (value.isEmpty()) {
            throw RpcException.invalidParams(name, "must not be empty");
        }
        return value;
    }

    public Optional<String> optionalString(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonElement e = params.get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw RpcException.invalidParams(name, "must be a string");
        }
        return Optional.of(e.getAsString());
    }

    public long number(String name) {
        return optionalLong(name).orElseThrow(() -> RpcException.invalidParams(name, "is required"));
    }

    /** A whole number that fits in 64 bits; a larger one (e.g. {@code 1e30}) is -32602, never truncated. */
    public Optional<Long> optionalLong(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonElement e = params.get(name);
        if (!isInteger(e)) {
            throw RpcException.invalidParams(name, "must be an integer");
        }
        try {
            return Optional.of(new BigDecimal(e.getAsString()).longValueExact());
        } catch (ArithmeticException tooLarge) {
            throw RpcException.invalidParams(name, "is out of range (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE
                    + ")");
        }
    }

    /**
     * An instant given as Unix seconds between {@link #MIN_EPOCH_SECONDS} and {@link #MAX_EPOCH_SECONDS} (the end of
     * year 9999): every date the API stores or compares fits, and no value overflows {@link Instant}.
     */
    public Optional<Instant> optionalEpochSeconds(String name) {
        return optionalLong(name).map(seconds -> {
            if (seconds < MIN_EPOCH_SECONDS || seconds > MAX_EPOCH_SECONDS) {
                throw RpcException.invalidParams(name, "must be Unix seconds between " + MIN_EPOCH_SECONDS + " and "
                        + MAX_EPOCH_SECONDS + " (year 9999)");
            }
            return Instant.ofEpochSecond(seconds);
        });
    }

    public int intInRange(String name, int defaultValue, int min, int max) {
        long value = optionalLong(name).orElse((long) defaultValue);
        if (value < min || value > max) {
            throw RpcException.invalidParams(name, "must be between " + min + " and " + max);
        }
        return (int) value;
    }

    public Optional<Boolean> optionalBoolean(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonElement e = params.get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw RpcException.invalidParams(name, "must be a boolean");
        }
        return Optional.of(e.getAsBoolean());
    }

    public Optional<JsonObject> optionalObject(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonElement e = params.get(name);
        if (!e.isJsonObject()) {
            throw RpcException.invalidParams(name, "must be an object");
        }
        return Optional.of(e.getAsJsonObject());
    }

    /** A list of strings; {@code Optional.empty()} when absent. */
    public Optional<List<String>> optionalStrings(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonElement e = params.get(name);
        if (!e.isJsonArray()) {
            throw RpcException.invalidParams(name, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        JsonArray array = e.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            JsonElement item = array.get(i);
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                throw RpcException.invalidParams(name + "[" + i + "]", "must be a string");
            }
            out.add(item.getAsString());
        }
        return Optional.of(out);
    }

    public List<String> strings(String name) {
        return optionalStrings(name).orElseThrow(() -> RpcException.invalidParams(name, "is required"));
    }

    static boolean isInteger(JsonElement e) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return false;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        try {
            return new BigDecimal(p.getAsString()).stripTrailingZeros().scale() <= 0;
        } catch (NumberFormatException ex) {
            return false;
        }
    }
}
