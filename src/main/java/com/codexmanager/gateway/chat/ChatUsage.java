package com.codexmanager.gateway.chat;

import static com.codexmanager.gateway.protocol.JsonFields.number;
import static com.codexmanager.gateway.protocol.JsonFields.object;

import com.google.gson.JsonObject;

/** Responses {@code usage} → Chat {@code usage} (codex-protocol.md §5.2). Stateless. */
final class ChatUsage {
    private ChatUsage() {
    }

    /** The Chat usage object, or {@code null} when the response has none. */
    static JsonObject from(JsonObject responsesUsage) {
        if (responsesUsage == null) {
            return null;
        }
        long input = number(responsesUsage, "input_tokens", 0);
        long output = number(responsesUsage, "output_tokens", 0);
        JsonObject usage = new JsonObject();
        usage.addProperty("prompt_tokens", input);
        usage.addProperty("completion_tokens", output);
        usage.addProperty("total_tokens", number(responsesUsage, "total_tokens", input + output));
        JsonObject prompt = new JsonObject();
        prompt.addProperty("cached_tokens", number(object(responsesUsage, "input_tokens_details"), "cached_tokens", 0));
        usage.add("prompt_tokens_details", prompt);
        JsonObject completion = new JsonObject();
        completion.addProperty("reasoning_tokens",
                number(object(responsesUsage, "output_tokens_details"), "reasoning_tokens", 0));
        usage.add("completion_tokens_details", completion);
        return usage;
    }

    /** {@code stop}, {@code tool_calls}, {@code length} or {@code content_filter} for a final Responses object. */
    static String finishReason(JsonObject response, boolean toolCalls) {
        String reason = com.codexmanager.gateway.protocol.JsonFields.string(object(response, "incomplete_details"),
                "reason");
        if ("max_output_tokens".equals(reason)) {
            return "length";
        }
        if ("content_filter".equals(reason)) {
            return "content_filter";
        }
        return toolCalls ? "tool_calls" : "stop";
    }
}
