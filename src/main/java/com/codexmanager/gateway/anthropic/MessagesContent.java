package com.codexmanager.gateway.anthropic;

import static com.codexmanager.gateway.protocol.JsonFields.object;
import static com.codexmanager.gateway.protocol.JsonFields.string;

import com.codexmanager.gateway.protocol.AdapterException;
import com.codexmanager.gateway.protocol.JsonFields;
import com.codexmanager.gateway.protocol.ToolNames;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Anthropic {@code messages} → Responses input items, keeping block order: text and images collect into a message
 * item; a {@code tool_use} or {@code tool_result} block ends it and becomes a {@code function_call} /
 * {@code function_call_output} item; assistant thinking whose signature came from this backend becomes a
 * {@code reasoning} item (others, and {@code redacted_thinking}, are dropped); a {@code role:"system"} message is a
 * developer message. Stateless.
 */
final class MessagesContent {
    static final String BILLING_HEADER_PREFIX = "x-anthropic-billing-header:";
    /** Encrypted reasoning minted by the Codex backend starts like this (Fernet tokens). */
    private static final String BACKEND_SIGNATURE_PREFIX = "gAAAA";
    private static final String TOOL_ERROR_PREFIX = "[tool error] ";

    private MessagesContent() {
    }

    /** {@code system} (string or text blocks) as developer parts, without the billing-header block. */
    static JsonArray systemParts(JsonElement system, String where) {
        JsonArray parts = new JsonArray();
        if (system == null || system.isJsonNull()) {
            return parts;
        }
        if (system.isJsonPrimitive()) {
            addSystemText(parts, system.getAsString());
            return parts;
        }
        if (!system.isJsonArray()) {
            throw AdapterException.invalid(where, "must be a string or an array of text blocks");
        }
        for (JsonElement block : system.getAsJsonArray()) {
            if (block.isJsonObject() && "text".equals(string(block.getAsJsonObject(), "type"))) {
                addSystemText(parts, string(block.getAsJsonObject(), "text"));
            }
        }
        return parts;
    }

    private static void addSystemText(JsonArray parts, String text) {
        if (text != null && !text.isBlank() && !text.startsWith(BILLING_HEADER_PREFIX)) {
            parts.add(JsonFields.textPart("input_text", text));
        }
    }

    static JsonArray toInput(JsonArray messages) {
        JsonArray input = new JsonArray();
        for (int i = 0; i < messages.size(); i++) {
            String where = "messages[" + i + "]";
            JsonObject message = messages.get(i).isJsonObject() ? messages.get(i).getAsJsonObject() : null;
            String role = string(message, "role");
            if (role == null) {
                throw AdapterException.invalid(where + ".role", "is required");
            }
            switch (role) {
                case "system" -> {
                    JsonArray parts = systemParts(message.get("content"), where + ".content");
                    if (!parts.isEmpty()) {
                        input.add(JsonFields.message("developer", parts));
                    }
                }
                case "user", "assistant" -> blocks(input, role, message.get("content"), where);
                default -> throw AdapterException.invalid(where + ".role", "must be user, assistant or system");
            }
        }
        return input;
    }

    private static void blocks(JsonArray input, String role, JsonElement content, String where) {
        String textType = "user".equals(role) ? "input_text" : "output_text";
        JsonArray pending = new JsonArray();
        if (content == null || content.isJsonNull()) {
            return;
        }
        if (content.isJsonPrimitive()) {
            pending.add(JsonFields.textPart(textType, content.getAsString()));
            flush(input, role, pending);
            return;
        }
        if (!content.isJsonArray()) {
            throw AdapterException.invalid(where + ".content", "must be a string or an array of blocks");
        }
        JsonArray blocks = content.getAsJsonArray();
        for (int k = 0; k < blocks.size(); k++) {
            String blockWhere = where + ".content[" + k + "]";
            JsonObject block = blocks.get(k).isJsonObject() ? blocks.get(k).getAsJsonObject() : null;
            String type = string(block, "type");
            if (type == null) {
                throw AdapterException.invalid(blockWhere + ".type", "is required");
            }
            switch (type) {
                case "text" -> pending.add(JsonFields.textPart(textType, nullToEmpty(string(block, "text"))));
                case "image" -> pending.add(image(block, blockWhere));
                case "document" -> pending.add(document(block, blockWhere));
                case "tool_use" -> {
                    pending = flush(input, role, pending);
                    input.add(functionCall(block, blockWhere));
                }
                case "tool_result" -> {
                    pending = flush(input, role, pending);
                    input.add(functionCallOutput(block, blockWhere));
                }
                case "thinking" -> {
                    pending = flush(input, role, pending);
                    reasoning(input, role, block);
                }
                default -> {
                    // redacted_thinking, server tool results and unknown blocks have no backend equivalent
                }
            }
        }
        flush(input, role, pending);
    }

    private static JsonArray flush(JsonArray input, String role, JsonArray pending) {
        if (!pending.isEmpty()) {
            input.add(JsonFields.message(role, pending));
        }
        return new JsonArray();
    }

    private static JsonObject image(JsonObject block, String where) {
        JsonObject source = object(block, "source");
        String url = switch (String.valueOf(string(source, "type"))) {
            case "base64" -> "data:" + string(source, "media_type") + ";base64," + nullToEmpty(string(source, "data"));
            case "url" -> string(source, "url");
            default -> throw AdapterException.invalid(where + ".source.type", "must be base64 or url");
        };
        JsonObject part = new JsonObject();
        part.addProperty("type", "input_image");
        part.addProperty("image_url", url);
        return part;
    }

    private static JsonObject document(JsonObject block, String where) {
        JsonObject source = object(block, "source");
        if (!"base64".equals(string(source, "type"))) {
            throw AdapterException.invalid(where + ".source.type", "must be base64 for documents");
        }
        JsonObject part = new JsonObject();
        part.addProperty("type", "input_file");
        part.addProperty("file_data", "data:" + string(source, "media_type") + ";base64,"
                + nullToEmpty(string(source, "data")));
        String title = string(block, "title");
        part.addProperty("filename", title == null ? "document.pdf" : title);
        return part;
    }

    private static JsonObject functionCall(JsonObject block, String where) {
        String id = string(block, "id");
        String name = string(block, "name");
        if (id == null || name == null) {
            throw AdapterException.invalid(where, "tool_use needs id and name");
        }
        JsonElement arguments = block.get("input");
        JsonObject item = new JsonObject();
        item.addProperty("type", "function_call");
        item.addProperty("call_id", ToolNames.shorten(id));
        item.addProperty("name", ToolNames.shorten(name));
        item.addProperty("arguments", arguments == null || arguments.isJsonNull() ? "{}" : arguments.toString());
        return item;
    }

    private static JsonObject functionCallOutput(JsonObject block, String where) {
        String id = string(block, "tool_use_id");
        if (id == null) {
            throw AdapterException.invalid(where + ".tool_use_id", "is required");
        }
        String prefix = JsonFields.bool(block, "is_error", false) ? TOOL_ERROR_PREFIX : "";
        JsonObject item = new JsonObject();
        item.addProperty("type", "function_call_output");
        item.addProperty("call_id", ToolNames.shorten(id));
        JsonElement content = block.get("content");
        if (content == null || content.isJsonNull() || content.isJsonPrimitive()) {
            item.addProperty("output", prefix + (content == null || content.isJsonNull() ? "" : content.getAsString()));
            return item;
        }
        JsonArray parts = new JsonArray();
        StringBuilder text = new StringBuilder(prefix);
        boolean textOnly = true;
        for (JsonElement element : content.getAsJsonArray()) {
            JsonObject part = element.isJsonObject() ? element.getAsJsonObject() : new JsonObject();
            if ("image".equals(string(part, "type"))) {
                textOnly = false;
                parts.add(image(part, where + ".content"));
            } else if ("text".equals(string(part, "type"))) {
                text.append(nullToEmpty(string(part, "text")));
                parts.add(JsonFields.textPart("input_text", (parts.isEmpty() ? prefix : "") + string(part, "text")));
            }
        }
        if (textOnly) {
            item.addProperty("output", text.toString());
        } else {
            item.add("output", parts);
        }
        return item;
    }

    private static void reasoning(JsonArray input, String role, JsonObject block) {
        String signature = string(block, "signature");
        if (!"assistant".equals(role) || signature == null || !signature.startsWith(BACKEND_SIGNATURE_PREFIX)) {
            return;
        }
        JsonObject item = new JsonObject();
        item.addProperty("type", "reasoning");
        JsonArray summary = new JsonArray();
        String thinking = string(block, "thinking");
        if (thinking != null && !thinking.isEmpty()) {
            summary.add(JsonFields.textPart("summary_text", thinking));
        }
        item.add("summary", summary);
        item.addProperty("encrypted_content", signature);
        input.add(item);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
