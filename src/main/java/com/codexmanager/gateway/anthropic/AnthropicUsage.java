package com.codexmanager.gateway.anthropic;

import static com.codexmanager.gateway.protocol.JsonFields.number;
import static com.codexmanager.gateway.protocol.JsonFields.object;
import static com.codexmanager.gateway.protocol.JsonFields.string;

import com.google.gson.JsonObject;

/** Responses usage and end state → Anthropic usage and {@code stop_reason} (codex-protocol.md §6.3). Stateless. */
final class AnthropicUsage {
    private AnthropicUsage() {
    }

    /** {@code input_tokens} (without cached), {@code output_tokens}, {@code cache_read_input_tokens} when > 0. */
    static JsonObject from(JsonObject responsesUsage) {
        long input = number(responsesUsage, "input_tokens", 0);
        long cached = number(object(responsesUsage, "input_tokens_details"), "cached_tokens", 0);
        JsonObject usage = new JsonObject();
        usage.addProperty("input_tokens", Math.max(0, input - cached));
        usage.addProperty("output_tokens", number(responsesUsage, "output_tokens", 0));
        if (cached > 0) {
            usage.addProperty("cache_read_input_tokens", cached);
        }
        return usage;
    }

    static String stopReason(JsonObject response, boolean toolUse) {
        if (toolUse) {
            return "tool_use";
        }
        String reason = string(object(response, "incomplete_details"), "reason");
        if ("max_output_tokens".equals(reason)) {
            return "max_tokens";
        }
        return "content_filter".equals(reason) ? "refusal" : "end_turn";
    }

    /** The Anthropic error type for an upstream or gateway error code. */
    static String errorType(String code) {
        if (code == null) {
            return "api_error";
        }
        return switch (code) {
            case "server_is_overloaded", "slow_down", "overloaded", "accounts_cooling_down" -> "overloaded_error";
            case "rate_limit_exceeded", "usage_limit_reached", "rate_limited" -> "rate_limit_error";
            case "context_length_exceeded", "invalid_prompt", "cyber_policy", "invalid_request",
                    "invalid_request_error" -> "invalid_request_error";
            default -> "api_error";
        };
    }
}
