package com.codexmanager.gateway.anthropic;

import static com.codexmanager.gateway.protocol.JsonFields.array;
import static com.codexmanager.gateway.protocol.JsonFields.object;
import static com.codexmanager.gateway.protocol.JsonFields.string;

import com.codexmanager.gateway.protocol.ToolNames;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * A final Responses object → one Anthropic {@code message} (codex-protocol.md §6.4): thinking blocks with their
 * signature, text blocks, tool_use blocks with parsed input ({@code {}} when the arguments are not JSON). Stateless.
 */
final class AnthropicMessageRenderer {
    private AnthropicMessageRenderer() {
    }

    static JsonObject render(JsonObject response, ToolNames names) {
        JsonArray content = new JsonArray();
        boolean toolUse = false;
        JsonArray output = array(response, "output");
        for (JsonElement element : output == null ? new JsonArray() : output) {
            JsonObject item = element.isJsonObject() ? element.getAsJsonObject() : new JsonObject();
            switch (String.valueOf(string(item, "type"))) {
                case "reasoning" -> content.add(thinking(item));
                case "message" -> {
                    String text = AnthropicBlocks.joinedText(item);
                    if (!text.isEmpty()) {
                        JsonObject block = new JsonObject();
                        block.addProperty("type", "text");
                        block.addProperty("text", text);
                        content.add(block);
                    }
                }
                case "function_call", "custom_tool_call" -> {
                    toolUse = true;
                    content.add(toolUse(item, names));
                }
                default -> {
                }
            }
        }
        JsonObject message = new JsonObject();
        message.addProperty("id", string(response, "id") == null ? "msg_gateway" : string(response, "id"));
        message.addProperty("type", "message");
        message.addProperty("role", "assistant");
        message.addProperty("model", string(response, "model"));
        message.add("content", content);
        message.addProperty("stop_reason", AnthropicUsage.stopReason(response, toolUse));
        message.add("stop_sequence", JsonNull.INSTANCE);
        message.add("usage", AnthropicUsage.from(object(response, "usage")));
        return message;
    }

    private static JsonObject thinking(JsonObject item) {
        StringBuilder text = new StringBuilder();
        JsonArray summary = array(item, "summary");
        if (summary != null) {
            for (JsonElement part : summary) {
                if (part.isJsonObject()) {
                    text.append(text.length() == 0 ? "" : "\n\n").append(string(part.getAsJsonObject(), "text"));
                }
            }
        }
        JsonObject block = new JsonObject();
        block.addProperty("type", "thinking");
        block.addProperty("thinking", text.toString());
        String signature = string(item, "encrypted_content");
        block.addProperty("signature", signature == null ? "" : signature);
        return block;
    }

    private static JsonObject toolUse(JsonObject item, ToolNames names) {
        String arguments = "function_call".equals(string(item, "type")) ? string(item, "arguments")
                : AnthropicBlocks.customInput(item);
        JsonObject block = new JsonObject();
        block.addProperty("type", "tool_use");
        block.addProperty("id", string(item, "call_id"));
        block.addProperty("name", names.original(string(item, "name")));
        block.add("input", parseObject(arguments));
        return block;
    }

    private static JsonObject parseObject(String json) {
        if (json == null || json.isBlank()) {
            return new JsonObject();
        }
        try {
            JsonElement parsed = JsonParser.parseString(json);
            return parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
        } catch (JsonParseException e) {
            return new JsonObject();
        }
    }
}
