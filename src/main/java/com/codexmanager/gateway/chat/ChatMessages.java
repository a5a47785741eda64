package com.codexmanager.gateway.chat;

import static com.codexmanager.gateway.protocol.JsonFields.array;
import static com.codexmanager.gateway.protocol.JsonFields.object;
import static com.codexmanager.gateway.protocol.JsonFields.string;

import com.codexmanager.gateway.protocol.AdapterException;
import com.codexmanager.gateway.protocol.JsonFields;
import com.codexmanager.gateway.protocol.ToolNames;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Chat {@code messages} → Responses {@code input} items: system/developer → developer messages, user parts → input
 * parts, assistant text → output_text plus one {@code function_call} item per tool call, tool messages →
 * {@code function_call_output}. Stateless.
 */
final class ChatMessages {
    private ChatMessages() {
    }

    static JsonArray toInput(JsonArray messages) {
        JsonArray input = new JsonArray();
        for (int i = 0; i < messages.size(); i++) {
            String where = "messages[" + i + "]";
            if (!messages.get(i).isJsonObject()) {
                throw AdapterException.invalid(where, "must be an object");
            }
            JsonObject message = messages.get(i).getAsJsonObject();
            String role = string(message, "role");
            if (role == null) {
                throw AdapterException.invalid(where + ".role", "is required");
            }
            switch (role) {
                case "system", "developer" -> addIfNotEmpty(input, "developer", parts(message, where, "input_text"));
                case "user" -> addIfNotEmpty(input, "user", parts(message, where, "input_text"));
                case "assistant" -> assistant(input, message, i, where);
                case "tool" -> input.add(toolOutput(message, where));
                default -> throw AdapterException.invalid(where + ".role",
                        "must be system, developer, user, assistant or tool");
            }
        }
        return input;
    }

    private static void assistant(JsonArray input, JsonObject message, int index, String where) {
        addIfNotEmpty(input, "assistant", parts(message, where, "output_text"));
        JsonArray calls = array(message, "tool_calls");
        if (calls == null) {
            return;
        }
        for (int j = 0; j < calls.size(); j++) {
            JsonObject call = calls.get(j).isJsonObject() ? calls.get(j).getAsJsonObject() : new JsonObject();
            String id = string(call, "id");
            String callId = id == null || id.isBlank() ? "call_missing_" + index + "_" + j : id;
            JsonObject item = new JsonObject();
            JsonObject custom = object(call, "custom");
            if ("custom".equals(string(call, "type")) && custom != null) {
                item.addProperty("type", "custom_tool_call");
                item.addProperty("call_id", callId);
                item.addProperty("name", ToolNames.shorten(string(custom, "name")));
                item.addProperty("input", stringOr(string(custom, "input"), ""));
            } else {
                JsonObject function = object(call, "function");
                if (function == null || string(function, "name") == null) {
                    throw AdapterException.invalid(where + ".tool_calls[" + j + "].function.name", "is required");
                }
                item.addProperty("type", "function_call");
                item.addProperty("call_id", callId);
                item.addProperty("name", ToolNames.shorten(string(function, "name")));
                item.addProperty("arguments", stringOr(string(function, "arguments"), "{}"));
            }
            input.add(item);
        }
    }

    private static JsonObject toolOutput(JsonObject message, String where) {
        String callId = string(message, "tool_call_id");
        if (callId == null) {
            throw AdapterException.invalid(where + ".tool_call_id", "is required");
        }
        JsonObject item = new JsonObject();
        item.addProperty("type", "function_call_output");
        item.addProperty("call_id", callId);
        JsonElement content = message.get("content");
        if (content != null && content.isJsonArray()) {
            JsonArray parts = parts(message, where, "input_text");
            boolean textOnly = true;
            StringBuilder text = new StringBuilder();
            for (JsonElement part : parts) {
                textOnly &= "input_text".equals(string(part.getAsJsonObject(), "type"));
                text.append(stringOr(string(part.getAsJsonObject(), "text"), ""));
            }
            if (textOnly) {
                item.addProperty("output", text.toString());
            } else {
                item.add("output", parts);
            }
        } else {
            item.addProperty("output", content == null || content.isJsonNull() ? "" : content.getAsString());
        }
        return item;
    }

    /** The content of a message as Responses parts; text parts get {@code textType}. */
    private static JsonArray parts(JsonObject message, String where, String textType) {
        JsonArray out = new JsonArray();
        JsonElement content = message.get("content");
        if (content == null || content.isJsonNull()) {
            return out;
        }
        if (content.isJsonPrimitive()) {
            if (!content.getAsString().isEmpty()) {
                out.add(JsonFields.textPart(textType, content.getAsString()));
            }
            return out;
        }
        if (!content.isJsonArray()) {
            throw AdapterException.invalid(where + ".content", "must be a string or an array of parts");
        }
        JsonArray parts = content.getAsJsonArray();
        for (int k = 0; k < parts.size(); k++) {
            JsonObject part = parts.get(k).isJsonObject() ? parts.get(k).getAsJsonObject() : null;
            String type = string(part, "type");
            String partWhere = where + ".content[" + k + "]";
            if (type == null) {
                throw AdapterException.invalid(partWhere + ".type", "is required");
            }
            switch (type) {
                case "text", "input_text", "output_text" -> out.add(JsonFields.textPart(textType,
                        stringOr(string(part, "text"), "")));
                case "refusal" -> out.add(JsonFields.textPart(textType, stringOr(string(part, "refusal"), "")));
                case "image_url" -> out.add(image(part, partWhere));
                case "file" -> out.add(file(part));
                case "input_audio" -> out.add(audio(part));
                default -> throw AdapterException.invalid(partWhere + ".type",
                        "must be text, image_url, file or input_audio");
            }
        }
        return out;
    }

    private static JsonObject image(JsonObject part, String where) {
        JsonElement imageUrl = part.get("image_url");
        String url = imageUrl != null && imageUrl.isJsonObject() ? string(imageUrl.getAsJsonObject(), "url")
                : string(part, "image_url");
        if (url == null || url.isBlank()) {
            throw AdapterException.invalid(where + ".image_url.url", "is required");
        }
        JsonObject out = new JsonObject();
        out.addProperty("type", "input_image");
        out.addProperty("image_url", url);
        return out;
    }

    private static JsonObject file(JsonObject part) {
        JsonObject file = object(part, "file");
        JsonObject out = new JsonObject();
        out.addProperty("type", "input_file");
        for (String field : new String[] {"file_data", "filename", "file_id"}) {
            String value = string(file, field);
            if (value != null) {
                out.addProperty(field, value);
            }
        }
        return out;
    }

    private static JsonObject audio(JsonObject part) {
        JsonObject audio = object(part, "input_audio");
        JsonObject out = new JsonObject();
        out.addProperty("type", "input_audio");
        out.addProperty("data", stringOr(string(audio, "data"), ""));
        out.addProperty("format", stringOr(string(audio, "format"), "wav"));
        return out;
    }

    private static void addIfNotEmpty(JsonArray input, String role, JsonArray parts) {
        if (!parts.isEmpty()) {
            input.add(JsonFields.message(role, parts));
        }
    }

    private static String stringOr(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
