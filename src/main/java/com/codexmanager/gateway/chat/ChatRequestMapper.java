package com.codexmanager.gateway.chat;

import static com.codexmanager.gateway.protocol.JsonFields.array;
import static com.codexmanager.gateway.protocol.JsonFields.object;
import static com.codexmanager.gateway.protocol.JsonFields.string;

import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.AdapterException;
import com.codexmanager.gateway.protocol.JsonFields;
import com.codexmanager.gateway.protocol.ToolNames;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat Completions request → Responses request (codex-protocol.md §5.1). Only mapped fields are carried over;
 * {@code max_tokens}, {@code temperature}, {@code stop} and the other sampling fields the backend rejects are
 * dropped. Stateless; the input is not modified.
 */
public final class ChatRequestMapper {
    private ChatRequestMapper() {
    }

    /** @throws AdapterException naming the field when the body cannot be mapped */
    public static AdaptedRequest map(JsonObject chat) {
        JsonArray messages = array(chat, "messages");
        if (messages == null) {
            throw AdapterException.invalid("messages", "must be an array of messages");
        }
        if (JsonFields.number(chat, "n", 1) != 1) {
            throw AdapterException.invalid("n", "must be 1: the backend returns one choice");
        }
        ToolNames names = ToolNames.of(toolNames(chat, messages));
        JsonObject out = new JsonObject();
        if (chat.has("model")) {
            out.add("model", chat.get("model"));
        }
        out.addProperty("instructions", "");
        out.add("input", ChatMessages.toInput(messages));
        JsonArray tools = array(chat, "tools");
        if (tools != null && !tools.isEmpty()) {
            out.add("tools", tools(tools));
            out.addProperty("parallel_tool_calls", JsonFields.bool(chat, "parallel_tool_calls", true));
        }
        if (chat.has("tool_choice")) {
            out.add("tool_choice", toolChoice(chat.get("tool_choice")));
        }
        String effort = string(chat, "reasoning_effort");
        if (effort != null) {
            JsonObject reasoning = new JsonObject();
            reasoning.addProperty("effort", effort);
            reasoning.addProperty("summary", "auto");
            out.add("reasoning", reasoning);
        }
        JsonObject text = text(chat);
        if (text != null) {
            out.add("text", text);
        }
        copy(chat, out, "prompt_cache_key");
        copy(chat, out, "service_tier");
        boolean streams = JsonFields.bool(chat, "stream", false);
        boolean includeUsage = JsonFields.bool(object(chat, "stream_options"), "include_usage", false);
        return new AdaptedRequest(out, streams, includeUsage, names);
    }

    static JsonArray tools(JsonArray tools) {
        JsonArray out = new JsonArray();
        for (int i = 0; i < tools.size(); i++) {
            if (!tools.get(i).isJsonObject()) {
                throw AdapterException.invalid("tools[" + i + "]", "must be an object");
            }
            JsonObject tool = tools.get(i).getAsJsonObject();
            JsonObject function = object(tool, "function");
            if (!"function".equals(string(tool, "type")) || function == null) {
                out.add(tool.deepCopy());
                continue;
            }
            String name = string(function, "name");
            if (name == null || name.isBlank()) {
                throw AdapterException.invalid("tools[" + i + "].function.name", "is required");
            }
            JsonObject flat = new JsonObject();
            flat.addProperty("type", "function");
            flat.addProperty("name", ToolNames.shorten(name));
            copy(function, flat, "description");
            flat.add("parameters", function.has("parameters") ? function.get("parameters") : emptySchema());
            flat.addProperty("strict", JsonFields.bool(function, "strict", false));
            out.add(flat);
        }
        return out;
    }

    static JsonElement toolChoice(JsonElement choice) {
        if (choice.isJsonObject()) {
            JsonObject function = object(choice.getAsJsonObject(), "function");
            if (function != null && string(function, "name") != null) {
                JsonObject out = new JsonObject();
                out.addProperty("type", "function");
                out.addProperty("name", ToolNames.shorten(string(function, "name")));
                return out;
            }
        }
        return choice.deepCopy();
    }

    /** {@code response_format} and {@code verbosity} → {@code text}. */
    static JsonObject text(JsonObject chat) {
        JsonObject text = new JsonObject();
        JsonObject format = object(chat, "response_format");
        if (format != null) {
            String type = string(format, "type");
            JsonObject mapped = new JsonObject();
            if ("json_schema".equals(type)) {
                JsonObject schema = object(format, "json_schema");
                if (schema == null || object(schema, "schema") == null) {
                    throw AdapterException.invalid("response_format.json_schema.schema", "is required");
                }
                mapped.addProperty("type", "json_schema");
                mapped.addProperty("name", string(schema, "name") == null ? "response" : string(schema, "name"));
                copy(schema, mapped, "description");
                mapped.add("schema", schema.get("schema"));
                mapped.addProperty("strict", JsonFields.bool(schema, "strict", false));
            } else if ("json_object".equals(type) || "text".equals(type)) {
                mapped.addProperty("type", type);
            } else {
                throw AdapterException.invalid("response_format.type", "must be text, json_object or json_schema");
            }
            text.add("format", mapped);
        }
        copy(chat, text, "verbosity");
        return text.size() == 0 ? null : text;
    }

    private static List<String> toolNames(JsonObject chat, JsonArray messages) {
        List<String> names = new ArrayList<>();
        JsonArray tools = array(chat, "tools");
        if (tools != null) {
            for (JsonElement tool : tools) {
                if (tool.isJsonObject()) {
                    names.add(string(object(tool.getAsJsonObject(), "function"), "name"));
                }
            }
        }
        for (JsonElement message : messages) {
            JsonArray calls = message.isJsonObject() ? array(message.getAsJsonObject(), "tool_calls") : null;
            if (calls != null) {
                for (JsonElement call : calls) {
                    if (call.isJsonObject()) {
                        names.add(string(object(call.getAsJsonObject(), "function"), "name"));
                    }
                }
            }
        }
        return names;
    }

    private static JsonObject emptySchema() {
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "object");
        schema.add("properties", new JsonObject());
        return schema;
    }

    private static void copy(JsonObject from, JsonObject to, String field) {
        JsonElement value = from.get(field);
        if (value != null && !value.isJsonNull()) {
            to.add(field, value.deepCopy());
        }
    }
}
