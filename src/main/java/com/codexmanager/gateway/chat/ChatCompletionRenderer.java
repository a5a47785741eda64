package com.codexmanager.gateway.chat;

import static com.codexmanager.gateway.protocol.JsonFields.array;
import static com.codexmanager.gateway.protocol.JsonFields.string;

import com.codexmanager.gateway.protocol.JsonFields;
import com.codexmanager.gateway.protocol.ToolNames;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/** A final Responses object → one {@code chat.completion} (codex-protocol.md §5.3). Stateless. */
final class ChatCompletionRenderer {
    private ChatCompletionRenderer() {
    }

    static JsonObject render(JsonObject response, ToolNames names) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        JsonArray toolCalls = new JsonArray();
        JsonArray output = array(response, "output");
        for (JsonElement element : output == null ? new JsonArray() : output) {
            JsonObject item = element.isJsonObject() ? element.getAsJsonObject() : new JsonObject();
            switch (String.valueOf(string(item, "type"))) {
                case "message" -> appendTexts(text, array(item, "content"), "output_text");
                case "reasoning" -> appendTexts(reasoning, array(item, "summary"), "summary_text");
                case "function_call" -> toolCalls.add(toolCall(string(item, "call_id"),
                        names.original(string(item, "name")), string(item, "arguments")));
                case "custom_tool_call" -> toolCalls.add(toolCall(string(item, "call_id"),
                        names.original(string(item, "name")), string(item, "input")));
                default -> {
                }
            }
        }
        JsonObject message = new JsonObject();
        message.addProperty("role", "assistant");
        message.add("content", text.length() == 0 && !toolCalls.isEmpty() ? JsonNull.INSTANCE
                : new com.google.gson.JsonPrimitive(text.toString()));
        message.add("refusal", JsonNull.INSTANCE);
        if (reasoning.length() > 0) {
            message.addProperty("reasoning_content", reasoning.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.add("tool_calls", toolCalls);
        }
        JsonObject choice = new JsonObject();
        choice.addProperty("index", 0);
        choice.add("message", message);
        choice.addProperty("finish_reason", ChatUsage.finishReason(response, !toolCalls.isEmpty()));
        choice.add("logprobs", JsonNull.INSTANCE);
        JsonArray choices = new JsonArray();
        choices.add(choice);
        JsonObject out = new JsonObject();
        out.addProperty("id", ChatStream.completionId(string(response, "id")));
        out.addProperty("object", "chat.completion");
        out.addProperty("created", JsonFields.number(response, "created_at", 0));
        out.addProperty("model", string(response, "model"));
        out.add("choices", choices);
        JsonObject usage = ChatUsage.from(JsonFields.object(response, "usage"));
        if (usage != null) {
            out.add("usage", usage);
        }
        return out;
    }

    static JsonObject toolCall(String id, String name, String arguments) {
        JsonObject function = new JsonObject();
        function.addProperty("name", name);
        function.addProperty("arguments", arguments == null ? "" : arguments);
        JsonObject call = new JsonObject();
        call.addProperty("id", id);
        call.addProperty("type", "function");
        call.add("function", function);
        return call;
    }

    private static void appendTexts(StringBuilder into, JsonArray parts, String type) {
        if (parts == null) {
            return;
        }
        for (JsonElement part : parts) {
            if (part.isJsonObject() && type.equals(string(part.getAsJsonObject(), "type"))) {
                if (into.length() > 0 && type.equals("summary_text")) {
                    into.append("\n\n");
                }
                into.append(string(part.getAsJsonObject(), "text"));
            }
        }
    }
}
