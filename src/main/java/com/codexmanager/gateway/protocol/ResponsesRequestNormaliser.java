package com.codexmanager.gateway.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a client's Responses request into one the ChatGPT Codex backend accepts (codex-protocol.md §2.2): forces
 * {@code stream:true} and {@code store:false}, adds {@code instructions} when absent, keeps
 * {@code reasoning.encrypted_content} in {@code include}, strips fields the backend rejects, wraps a bare string
 * input, maps {@code system} input messages to {@code developer}, drops input item ids, and applies the key's
 * model and reasoning overrides. Stateless; the input object is not modified.
 */
public final class ResponsesRequestNormaliser {
    /** Fields the backend answers with "Unsupported parameter". */
    static final Set<String> REJECTED_FIELDS = Set.of("previous_response_id", "max_output_tokens",
            "max_completion_tokens", "temperature", "top_p", "prompt_cache_retention", "context_management",
            "metadata", "user", "truncation", "seed", "presence_penalty", "frequency_penalty", "top_logprobs",
            "safety_identifier", "generate", "prompt_cache_options", "stream_options", "background", "n",
            "logprobs", "max_tool_calls");
    private static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";

    private ResponsesRequestNormaliser() {
    }

    /**
     * @param forcedModel     the key's model binding, if any (wins over the client's model)
     * @param reasoningEffort the key's reasoning override, if any
     */
    public static JsonObject normalise(JsonObject request, Optional<String> forcedModel,
            Optional<String> reasoningEffort) {
        JsonObject out = request.deepCopy();
        REJECTED_FIELDS.forEach(out::remove);
        forcedModel.ifPresent(m -> out.addProperty("model", m));
        out.addProperty("stream", true);
        out.addProperty("store", false);
        if (!out.has("instructions") || !out.get("instructions").isJsonPrimitive()) {
            out.addProperty("instructions", "");
        }
        out.add("input", normaliseInput(out.get("input")));
        reasoningEffort.ifPresent(effort -> {
            JsonObject reasoning = out.has("reasoning") && out.get("reasoning").isJsonObject()
                    ? out.getAsJsonObject("reasoning") : new JsonObject();
            reasoning.addProperty("effort", effort);
            out.add("reasoning", reasoning);
        });
        if (out.has("service_tier") && !"priority".equals(stringOrNull(out.get("service_tier")))) {
            out.remove("service_tier");
        }
        if (out.has("reasoning") && out.get("reasoning").isJsonObject()) {
            ensureEncryptedReasoningIncluded(out);
        }
        if (out.has("parallel_tool_calls") && !hasTools(out)) {
            out.remove("parallel_tool_calls");
        }
        return out;
    }

    private static JsonArray normaliseInput(JsonElement input) {
        JsonArray items = new JsonArray();
        if (input == null || input.isJsonNull()) {
            return items;
        }
        if (input.isJsonPrimitive()) {
            items.add(userMessage(input.getAsString()));
            return items;
        }
        if (!input.isJsonArray()) {
            return items;
        }
        for (JsonElement element : input.getAsJsonArray()) {
            if (element.isJsonPrimitive()) {
                items.add(userMessage(element.getAsString()));
                continue;
            }
            if (!element.isJsonObject()) {
                continue;
            }
            JsonObject item = element.getAsJsonObject(); // already a copy: normalise() works on a deep copy
            item.remove("id");
            if ("system".equals(stringOrNull(item.get("role")))) {
                item.addProperty("role", "developer");
            }
            if (!item.has("type") && item.has("role")) {
                item.addProperty("type", "message");
            }
            items.add(item);
        }
        return items;
    }

    private static JsonObject userMessage(String text) {
        JsonObject part = new JsonObject();
        part.addProperty("type", "input_text");
        part.addProperty("text", text);
        JsonArray content = new JsonArray();
        content.add(part);
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("role", "user");
        message.add("content", content);
        return message;
    }

    private static void ensureEncryptedReasoningIncluded(JsonObject out) {
        JsonArray include = out.has("include") && out.get("include").isJsonArray()
                ? out.getAsJsonArray("include") : new JsonArray();
        if (!include.contains(new JsonPrimitive(ENCRYPTED_REASONING))) {
            include.add(ENCRYPTED_REASONING);
        }
        out.add("include", include);
    }

    private static boolean hasTools(JsonObject out) {
        return out.has("tools") && out.get("tools").isJsonArray() && !out.getAsJsonArray("tools").isEmpty();
    }

    private static String stringOrNull(JsonElement e) {
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
