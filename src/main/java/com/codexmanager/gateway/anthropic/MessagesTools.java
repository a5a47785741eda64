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
 * Anthropic {@code tools} and {@code tool_choice} → Responses (codex-protocol.md §6.2). Tools need no
 * {@code type} (Claude Code sends plain name/description/input_schema); web-search server tools become
 * {@code web_search}; other server tools without a schema are dropped. Stateless.
 */
final class MessagesTools {
    private MessagesTools() {
    }

    static JsonArray tools(JsonArray tools) {
        JsonArray out = new JsonArray();
        for (int i = 0; i < tools.size(); i++) {
            if (!tools.get(i).isJsonObject()) {
                throw AdapterException.invalid("tools[" + i + "]", "must be an object");
            }
            JsonObject tool = tools.get(i).getAsJsonObject();
            String type = string(tool, "type");
            if (type != null && type.startsWith("web_search")) {
                JsonObject search = new JsonObject();
                search.addProperty("type", "web_search");
                out.add(search);
                continue;
            }
            String name = string(tool, "name");
            if (name == null || name.isBlank()) {
                throw AdapterException.invalid("tools[" + i + "].name", "is required");
            }
            if (type != null && !"custom".equals(type) && !tool.has("input_schema")) {
                continue;
            }
            JsonObject function = new JsonObject();
            function.addProperty("type", "function");
            function.addProperty("name", ToolNames.shorten(name));
            String description = string(tool, "description");
            if (description != null) {
                function.addProperty("description", description);
            }
            function.add("parameters", schema(object(tool, "input_schema")));
            function.addProperty("strict", false);
            out.add(function);
        }
        return out;
    }

    /** The schema as an object schema with properties, without {@code $schema}. */
    private static JsonObject schema(JsonObject inputSchema) {
        JsonObject schema = inputSchema == null ? new JsonObject() : inputSchema.deepCopy();
        schema.remove("$schema");
        if (!schema.has("type")) {
            schema.addProperty("type", "object");
        }
        if ("object".equals(string(schema, "type")) && !schema.has("properties")) {
            schema.add("properties", new JsonObject());
        }
        return schema;
    }

    /** Adds {@code tool_choice} and {@code parallel_tool_calls} to {@code out}. */
    static void toolChoice(JsonObject choice, JsonObject out) {
        boolean hasTools = out.has("tools") && !out.getAsJsonArray("tools").isEmpty();
        if (hasTools) {
            out.addProperty("parallel_tool_calls", !JsonFields.bool(choice, "disable_parallel_tool_use", false));
        }
        if (choice == null) {
            return;
        }
        String type = string(choice, "type");
        if (type == null) {
            throw AdapterException.invalid("tool_choice.type", "is required");
        }
        switch (type) {
            case "auto" -> out.addProperty("tool_choice", "auto");
            case "any" -> out.addProperty("tool_choice", "required");
            case "none" -> out.addProperty("tool_choice", "none");
            case "tool" -> {
                String name = string(choice, "name");
                if (name == null) {
                    throw AdapterException.invalid("tool_choice.name", "is required for type tool");
                }
                JsonObject named = new JsonObject();
                if (isWebSearch(out, name)) {
                    named.addProperty("type", "web_search");
                } else {
                    named.addProperty("type", "function");
                    named.addProperty("name", ToolNames.shorten(name));
                }
                out.add("tool_choice", named);
            }
            default -> throw AdapterException.invalid("tool_choice.type", "must be auto, any, tool or none");
        }
    }

    private static boolean isWebSearch(JsonObject out, String name) {
        if (!out.has("tools")) {
            return false;
        }
        for (JsonElement tool : out.getAsJsonArray("tools")) {
            if (name.equals(string(tool.getAsJsonObject(), "name"))) {
                return false;
            }
        }
        return "web_search".equals(name);
    }
}
