package com.codexmanager.gateway.anthropic;

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
import java.util.Map;

/**
 * Anthropic Messages request → Responses request (codex-protocol.md §6.2, client-requests.md §6–8): system
 * blocks (minus Claude Code's billing-header block) → a developer message, messages → input items, tools, tool
 * choice, thinking/effort → reasoning, {@code output_config.format} → {@code text.format}, and the session id from
 * {@code metadata.user_id} (or {@code x-claude-code-session-id}) → {@code prompt_cache_key}. {@code max_tokens},
 * sampling fields, {@code cache_control} and {@code context_management} are dropped. Stateless.
 */
public final class MessagesRequestMapper {
    private MessagesRequestMapper() {
    }

    /**
     * @param headers request headers, names lower-cased
     * @throws AdapterException naming the field when the body cannot be mapped
     */
    public static AdaptedRequest map(JsonObject body, Map<String, String> headers) {
        JsonArray messages = array(body, "messages");
        if (messages == null) {
            throw AdapterException.invalid("messages", "must be an array of messages");
        }
        ToolNames names = ToolNames.of(toolNames(body, messages));
        JsonObject out = new JsonObject();
        if (body.has("model")) {
            out.add("model", body.get("model"));
        }
        out.addProperty("instructions", "");
        JsonArray input = new JsonArray();
        JsonArray system = MessagesContent.systemParts(body.get("system"), "system");
        if (!system.isEmpty()) {
            input.add(JsonFields.message("developer", system));
        }
        input.addAll(MessagesContent.toInput(messages));
        out.add("input", input);
        JsonArray tools = array(body, "tools");
        if (tools != null && !tools.isEmpty()) {
            out.add("tools", MessagesTools.tools(tools));
        }
        MessagesTools.toolChoice(object(body, "tool_choice"), out);
        out.add("reasoning", ThinkingMapping.reasoning(object(body, "thinking"), object(body, "output_config")));
        JsonObject format = object(object(body, "output_config"), "format");
        if (format != null && "json_schema".equals(string(format, "type"))) {
            out.add("text", textFormat(format));
        }
        if ("priority".equals(string(body, "service_tier")) || "fast".equals(string(body, "speed"))) {
            out.addProperty("service_tier", "priority");
        }
        String session = SessionIds.of(object(body, "metadata"), headers);
        if (session != null) {
            out.addProperty("prompt_cache_key", session);
        }
        return new AdaptedRequest(out, JsonFields.bool(body, "stream", false), false, names);
    }

    private static JsonObject textFormat(JsonObject format) {
        JsonObject schema = object(format, "schema");
        if (schema == null) {
            throw AdapterException.invalid("output_config.format.schema", "is required for json_schema");
        }
        JsonObject mapped = new JsonObject();
        mapped.addProperty("type", "json_schema");
        mapped.addProperty("name", string(format, "name") == null ? "output" : string(format, "name"));
        mapped.add("schema", schema.deepCopy());
        mapped.addProperty("strict", JsonFields.bool(format, "strict", false));
        JsonObject text = new JsonObject();
        text.add("format", mapped);
        return text;
    }

    private static List<String> toolNames(JsonObject body, JsonArray messages) {
        List<String> names = new ArrayList<>();
        JsonArray tools = array(body, "tools");
        if (tools != null) {
            tools.forEach(t -> names.add(t.isJsonObject() ? string(t.getAsJsonObject(), "name") : null));
        }
        for (JsonElement message : messages) {
            JsonArray content = message.isJsonObject() ? array(message.getAsJsonObject(), "content") : null;
            if (content != null) {
                content.forEach(b -> names.add(b.isJsonObject()
                        && "tool_use".equals(string(b.getAsJsonObject(), "type"))
                        ? string(b.getAsJsonObject(), "name") : null));
            }
        }
        return names;
    }
}
