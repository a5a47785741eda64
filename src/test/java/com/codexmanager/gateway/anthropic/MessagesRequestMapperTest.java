package com.codexmanager.gateway.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.gateway.protocol.AdapterException;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per Messages → Responses mapping rule (codex-protocol.md §6.2, client-requests.md §6–8). */
class MessagesRequestMapperTest {
    private static JsonObject map(String json) {
        return map(json, Map.of());
    }

    private static JsonObject map(String json, Map<String, String> headers) {
        return MessagesRequestMapper.map(JsonParser.parseString(json).getAsJsonObject(), headers).body();
    }

    private static JsonObject item(JsonObject body, int i) {
        return body.getAsJsonArray("input").get(i).getAsJsonObject();
    }

    private static String user(String content) {
        return "{\"role\":\"user\",\"content\":" + content + "}";
    }

    @Test
    void system_blocks_become_one_developer_message_without_the_billing_header() {
        JsonObject body = map("{\"system\":[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=1; "
                + "cc_entrypoint=sdk-cli;\"},{\"type\":\"text\",\"text\":\"Be kind.\",\"cache_control\":"
                + "{\"type\":\"ephemeral\"}},{\"type\":\"text\",\"text\":\"Use tabs.\"}],\"messages\":[]}");

        JsonArray parts = item(body, 0).getAsJsonArray("content");
        assertThat(item(body, 0).get("role").getAsString()).isEqualTo("developer");
        assertThat(parts).hasSize(2);
        assertThat(parts.toString()).doesNotContain("billing").doesNotContain("cache_control");
        assertThat(body.get("instructions").getAsString()).isEmpty();
    }

    @Test
    void a_system_role_message_inside_messages_becomes_a_developer_message_in_place() {
        JsonObject body = map("{\"messages\":[" + user("\"Plan the trip\"")
                + ",{\"role\":\"system\",\"content\":\"Agents: Scout, Planner.\"}]}");

        assertThat(item(body, 0).get("role").getAsString()).isEqualTo("user");
        assertThat(item(body, 1).get("role").getAsString()).isEqualTo("developer");
    }

    @Test
    void string_content_and_text_blocks_map_to_input_and_output_text() {
        JsonObject body = map("{\"messages\":[" + user("\"Hi\"") + ",{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"Hello!\"}]}]}");

        assertThat(item(body, 0).getAsJsonArray("content").get(0).getAsJsonObject().get("type").getAsString())
                .isEqualTo("input_text");
        assertThat(item(body, 1).getAsJsonArray("content").get(0).getAsJsonObject().get("type").getAsString())
                .isEqualTo("output_text");
    }

    @Test
    void base64_and_url_images_become_input_images() {
        JsonArray parts = item(map("{\"messages\":[" + user("[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"image/png\",\"data\":\"iVBORw0K\"}},{\"type\":\"image\",\"source\":{\"type\":"
                + "\"url\",\"url\":\"https://example.test/cat.png\"}}]") + "]}"), 0).getAsJsonArray("content");

        assertThat(parts.get(0).getAsJsonObject().get("image_url").getAsString())
                .isEqualTo("data:image/png;base64,iVBORw0K");
        assertThat(parts.get(1).getAsJsonObject().get("image_url").getAsString())
                .isEqualTo("https://example.test/cat.png");
    }

    @Test
    void tool_use_splits_the_assistant_turn_and_becomes_a_function_call() {
        JsonObject body = map("{\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":"
                + "\"Let me look.\"},{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"Read\",\"input\":"
                + "{\"path\":\"a.txt\"}}]}]}");

        assertThat(item(body, 0).get("type").getAsString()).isEqualTo("message");
        assertThat(item(body, 1).get("type").getAsString()).isEqualTo("function_call");
        assertThat(item(body, 1).get("call_id").getAsString()).isEqualTo("toolu_01");
        assertThat(item(body, 1).get("name").getAsString()).isEqualTo("Read");
        assertThat(item(body, 1).get("arguments").getAsString()).isEqualTo("{\"path\":\"a.txt\"}");
    }

    @Test
    void tool_results_as_string_or_blocks_become_function_call_output_with_errors_marked() {
        JsonObject body = map("{\"messages\":[" + user("[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\","
                + "\"content\":\"file body\"},{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_02\",\"is_error\":true,"
                + "\"content\":[{\"type\":\"text\",\"text\":\"not found\"}]}]") + "]}");

        assertThat(item(body, 0).get("type").getAsString()).isEqualTo("function_call_output");
        assertThat(item(body, 0).get("output").getAsString()).isEqualTo("file body");
        assertThat(item(body, 1).get("call_id").getAsString()).isEqualTo("toolu_02");
        assertThat(item(body, 1).get("output").getAsString()).isEqualTo("[tool error] not found");
    }

    @Test
    void backend_thinking_is_replayed_as_reasoning_and_foreign_thinking_is_dropped() {
        JsonObject body = map("{\"messages\":[{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"thinking\",\"thinking\":\"plan\",\"signature\":\"gAAAAB-ours\"},"
                + "{\"type\":\"thinking\",\"thinking\":\"other\",\"signature\":\"EqQBCkYIBxgCKkB-theirs\"},"
                + "{\"type\":\"redacted_thinking\",\"data\":\"xyz\"},{\"type\":\"text\",\"text\":\"Done.\"}]}]}");

        assertThat(body.getAsJsonArray("input")).hasSize(2);
        assertThat(item(body, 0).get("type").getAsString()).isEqualTo("reasoning");
        assertThat(item(body, 0).get("encrypted_content").getAsString()).isEqualTo("gAAAAB-ours");
        assertThat(item(body, 1).get("type").getAsString()).isEqualTo("message");
    }

    @Test
    void typeless_tools_become_functions_with_object_schemas() {
        JsonObject tool = map("{\"messages\":[],\"tools\":[{\"name\":\"Bash\",\"description\":\"Run\","
                + "\"input_schema\":{\"$schema\":\"x\",\"type\":\"object\"},\"cache_control\":{\"type\":\"ephemeral\"},"
                + "\"defer_loading\":true},{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]}")
                .getAsJsonArray("tools").get(0).getAsJsonObject();

        assertThat(tool.get("type").getAsString()).isEqualTo("function");
        assertThat(tool.getAsJsonObject("parameters").has("$schema")).isFalse();
        assertThat(tool.getAsJsonObject("parameters").has("properties")).isTrue();
        assertThat(tool.keySet()).containsExactlyInAnyOrder("type", "name", "description", "parameters", "strict");
    }

    @Test
    void tool_choice_variants_map_and_parallel_use_follows_the_flag() {
        String tools = ",\"tools\":[{\"name\":\"Read\",\"input_schema\":{\"type\":\"object\"}}]";
        assertThat(map("{\"messages\":[]" + tools + ",\"tool_choice\":{\"type\":\"any\"}}").get("tool_choice")
                .getAsString()).isEqualTo("required");
        assertThat(map("{\"messages\":[]" + tools + ",\"tool_choice\":{\"type\":\"none\"}}").get("tool_choice")
                .getAsString()).isEqualTo("none");
        JsonObject named = map("{\"messages\":[]" + tools + ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"Read\","
                + "\"disable_parallel_tool_use\":true}}");
        assertThat(named.getAsJsonObject("tool_choice").get("name").getAsString()).isEqualTo("Read");
        assertThat(named.get("parallel_tool_calls").getAsBoolean()).isFalse();
        assertThat(map("{\"messages\":[]" + tools + "}").get("parallel_tool_calls").getAsBoolean()).isTrue();
    }

    @Test
    void thinking_settings_map_to_reasoning_effort() {
        assertThat(effort("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999}")).isEqualTo("xhigh");
        assertThat(effort("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}")).isEqualTo("low");
        assertThat(effort("\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"high\"}"))
                .isEqualTo("high");
        assertThat(effort("\"thinking\":{\"type\":\"adaptive\"}")).isEqualTo("xhigh");
        assertThat(effort("\"thinking\":{\"type\":\"disabled\"}")).isEqualTo("none");
        assertThat(effort("\"metadata\":{}")).isEqualTo("medium");
        assertThat(map("{\"messages\":[],\"thinking\":{\"type\":\"disabled\"}}").getAsJsonObject("reasoning")
                .has("summary")).isFalse();
    }

    private static String effort(String fields) {
        return map("{\"messages\":[]," + fields + "}").getAsJsonObject("reasoning").get("effort").getAsString();
    }

    @Test
    void output_config_json_schema_becomes_text_format() {
        JsonObject format = map("{\"messages\":[],\"output_config\":{\"format\":{\"type\":\"json_schema\","
                + "\"schema\":{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}}}}}}")
                .getAsJsonObject("text").getAsJsonObject("format");

        assertThat(format.get("type").getAsString()).isEqualTo("json_schema");
        assertThat(format.getAsJsonObject("schema").getAsJsonObject("properties").has("title")).isTrue();
    }

    @Test
    void session_id_comes_from_metadata_user_id_json_or_the_session_header() {
        assertThat(map("{\"messages\":[],\"metadata\":{\"user_id\":\"{\\\"device_id\\\":\\\"d\\\","
                + "\\\"session_id\\\":\\\"sess-1\\\"}\"}}").get("prompt_cache_key").getAsString()).isEqualTo("sess-1");
        assertThat(map("{\"messages\":[],\"metadata\":{\"user_id\":\"user_abc_account__session_sess-2\"}}")
                .get("prompt_cache_key").getAsString()).isEqualTo("sess-2");
        assertThat(map("{\"messages\":[]}", Map.of("x-claude-code-session-id", "sess-3"))
                .get("prompt_cache_key").getAsString()).isEqualTo("sess-3");
        assertThat(map("{\"messages\":[]}").has("prompt_cache_key")).isFalse();
    }

    @Test
    void unsupported_fields_are_dropped() {
        JsonObject body = map("{\"model\":\"claude-x\",\"max_tokens\":64000,\"temperature\":1,\"top_k\":5,"
                + "\"stop_sequences\":[\"END\"],\"context_management\":{\"edits\":[]},\"metadata\":{},\"messages\":[]}");

        assertThat(body.keySet()).containsExactlyInAnyOrder("model", "instructions", "input", "reasoning");
    }

    @Test
    void bad_input_names_the_field() {
        assertThatThrownBy(() -> map("{}")).isInstanceOf(AdapterException.class).hasMessageContaining("messages");
        assertThatThrownBy(() -> map("{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}"))
                .hasMessageContaining("messages[0].role");
        assertThatThrownBy(() -> map("{\"messages\":[" + user("[{\"type\":\"tool_result\"}]") + "]}"))
                .hasMessageContaining("messages[0].content[0].tool_use_id");
        assertThatThrownBy(() -> map("{\"messages\":[],\"thinking\":{\"type\":\"sometimes\"}}"))
                .hasMessageContaining("thinking.type");
    }
}
