package com.codexmanager.gateway;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Reads token usage and model from a terminal Responses event ({@code response.completed} …). Stateless. */
final class ResponseUsage {
    private ResponseUsage() {
    }

    static ExecutionResult.Usage of(JsonObject event) {
        JsonObject usage = object(object(event, "response"), "usage");
        if (usage == null) {
            return ExecutionResult.Usage.NONE;
        }
        return new ExecutionResult.Usage(number(usage, "input_tokens"),
                number(object(usage, "input_tokens_details"), "cached_tokens"), number(usage, "output_tokens"),
                number(object(usage, "output_tokens_details"), "reasoning_tokens"));
    }

    static String model(JsonObject event) {
        JsonObject response = object(event, "response");
        JsonElement model = response == null ? null : response.get("model");
        return model != null && model.isJsonPrimitive() ? model.getAsString() : null;
    }

    private static JsonObject object(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static Long number(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsLong() : null;
    }
}
