package com.codexmanager.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.AdapterException;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** One test per Chat → Responses mapping rule (codex-protocol.md §5.1). */
class ChatRequestMapperTest {
    private static AdaptedRequest map(String json) {
        return ChatRequestMapper.map(JsonParser.parseString(json).getAsJsonObject());
    }

    private static JsonArray input(String json) {
        return map(json).body().getAsJsonArray("input");
    }

    private static JsonObject item(JsonArray input, int i) {
        return input.get(i).getAsJsonObject();
    }

    @Test
    void system_and_developer_messages_become_developer_messages() {
        JsonArray input = input("{\"messages\":[{\"role\":\"system\",\"content\":\"Be terse.\"},"
                + "{\"role\":\"developer\",\"content\":[{\"type\":\"text\",\"text\":\"Use metric units.\"}]}]}");

        assertThat(item(input, 0).get("role").getAsString()).isEqualTo("developer");
        assertThat(item(input, 0).getAsJsonArray("content").get(0).getAsJsonObject().get("type").getAsString())
                .isEqualTo("input_text");
        assertThat(item(input, 1).get("role").getAsString()).isEqualTo("developer");
    }

    @Test
    void user_text_image_and_file_parts_become_input_parts() {
        JsonArray parts = item(input("{\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"Describe this chart\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0K\",\"detail\":\"low\"}},"
                + "{\"type\":\"file\",\"file\":{\"file_data\":\"data:application/pdf;base64,JVBE\","
                + "\"filename\":\"q3.pdf\"}}]}]}"), 0).getAsJsonArray("content");

        assertThat(parts.get(0).getAsJsonObject().get("type").getAsString()).isEqualTo("input_text");
        assertThat(parts.get(1).getAsJsonObject().get("type").getAsString()).isEqualTo("input_image");
        assertThat(parts.get(1).getAsJsonObject().get("image_url").getAsString())
                .isEqualTo("data:image/png;base64,iVBORw0K");
        assertThat(parts.get(2).getAsJsonObject().get("type").getAsString()).isEqualTo("input_file");
        assertThat(parts.get(2).getAsJsonObject().get("filename").getAsString()).isEqualTo("q3.pdf");
    }

    @Test
    void assistant_text_and_tool_calls_become_a_message_then_function_call_items() {
        JsonArray input = input("{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Bergen?\"},"
                + "{\"role\":\"assistant\",\"content\":\"Checking.\",\"refusal\":null,\"tool_calls\":["
                + "{\"id\":\"call_77\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Bergen\\\"}\"}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]}]}");

        assertThat(item(input, 1).get("role").getAsString()).isEqualTo("assistant");
        assertThat(item(input, 1).getAsJsonArray("content").get(0).getAsJsonObject().get("type").getAsString())
                .isEqualTo("output_text");
        assertThat(item(input, 2).get("type").getAsString()).isEqualTo("function_call");
        assertThat(item(input, 2).get("call_id").getAsString()).isEqualTo("call_77");
        assertThat(item(input, 2).get("arguments").getAsString()).isEqualTo("{\"city\":\"Bergen\"}");
        assertThat(item(input, 3).get("call_id").getAsString()).isEqualTo("call_missing_1_1");
    }

    @Test
    void assistant_message_with_null_content_adds_only_the_calls() {
        JsonArray input = input("{\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"ls\",\"arguments\":\"{}\"}}]}]}");

        assertThat(input).hasSize(1);
        assertThat(item(input, 0).get("type").getAsString()).isEqualTo("function_call");
    }

    @Test
    void tool_messages_become_function_call_output() {
        JsonArray input = input("{\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"call_77\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"7 degrees\"},{\"type\":\"text\",\"text\":\", dry\"}]}]}");

        assertThat(item(input, 0).get("type").getAsString()).isEqualTo("function_call_output");
        assertThat(item(input, 0).get("call_id").getAsString()).isEqualTo("call_77");
        assertThat(item(input, 0).get("output").getAsString()).isEqualTo("7 degrees, dry");
    }

    @Test
    void function_tools_are_flattened_and_tool_choice_follows() {
        JsonObject body = map("{\"messages\":[],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"description\":\"Weather\",\"parameters\":{\"type\":\"object\"},\"strict\":true}},"
                + "{\"type\":\"web_search\"}],\"tool_choice\":{\"type\":\"function\",\"function\":"
                + "{\"name\":\"get_weather\"}},\"parallel_tool_calls\":false}").body();

        JsonObject tool = body.getAsJsonArray("tools").get(0).getAsJsonObject();
        assertThat(tool.get("name").getAsString()).isEqualTo("get_weather");
        assertThat(tool.has("function")).isFalse();
        assertThat(tool.get("strict").getAsBoolean()).isTrue();
        assertThat(body.getAsJsonArray("tools").get(1).getAsJsonObject().get("type").getAsString())
                .isEqualTo("web_search");
        assertThat(body.getAsJsonObject("tool_choice").get("name").getAsString()).isEqualTo("get_weather");
        assertThat(body.get("parallel_tool_calls").getAsBoolean()).isFalse();
    }

    @Test
    void string_tool_choice_is_kept() {
        JsonObject body = map("{\"messages\":[],\"tool_choice\":\"required\"}").body();

        assertThat(body.get("tool_choice").getAsString()).isEqualTo("required");
    }

    @Test
    void tool_names_over_64_characters_are_shortened_reversibly() {
        String longName = "x".repeat(70) + "_lookup";
        AdaptedRequest request = map("{\"messages\":[],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\""
                + longName + "\"}}]}");

        String sent = request.body().getAsJsonArray("tools").get(0).getAsJsonObject().get("name").getAsString();
        assertThat(sent).hasSize(64);
        assertThat(request.toolNames().original(sent)).isEqualTo(longName);
        assertThat(request.toolNames().original("short_name")).isEqualTo("short_name");
    }

    @Test
    void response_formats_map_to_text_format() {
        assertThat(map("{\"messages\":[],\"response_format\":{\"type\":\"json_object\"}}").body()
                .getAsJsonObject("text").getAsJsonObject("format").get("type").getAsString()).isEqualTo("json_object");
        assertThat(map("{\"messages\":[],\"response_format\":{\"type\":\"text\"}}").body()
                .getAsJsonObject("text").getAsJsonObject("format").get("type").getAsString()).isEqualTo("text");
        JsonObject schema = map("{\"messages\":[],\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                + "{\"name\":\"invoice\",\"strict\":true,\"schema\":{\"type\":\"object\"}}}}").body()
                .getAsJsonObject("text").getAsJsonObject("format");
        assertThat(schema.get("name").getAsString()).isEqualTo("invoice");
        assertThat(schema.get("strict").getAsBoolean()).isTrue();
        assertThat(schema.getAsJsonObject("schema").get("type").getAsString()).isEqualTo("object");
    }

    @Test
    void reasoning_effort_maps_to_reasoning_with_summaries() {
        JsonObject reasoning = map("{\"messages\":[],\"reasoning_effort\":\"low\"}").body()
                .getAsJsonObject("reasoning");

        assertThat(reasoning.get("effort").getAsString()).isEqualTo("low");
        assertThat(reasoning.get("summary").getAsString()).isEqualTo("auto");
    }

    @Test
    void sampling_and_token_limit_fields_are_dropped() {
        JsonObject body = map("{\"model\":\"gpt-5.5\",\"messages\":[],\"max_tokens\":500,\"max_completion_tokens\":9,"
                + "\"temperature\":0.1,\"top_p\":0.5,\"stop\":[\"END\"],\"seed\":4,\"user\":\"u-1\","
                + "\"stream_options\":{\"include_usage\":true},\"stream\":true}").body();

        assertThat(body.keySet()).containsExactlyInAnyOrder("model", "instructions", "input");
    }

    @Test
    void stream_and_include_usage_are_read() {
        AdaptedRequest request = map("{\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

        assertThat(request.streams()).isTrue();
        assertThat(request.includeUsage()).isTrue();
    }

    @Test
    void bad_input_names_the_field() {
        assertThatThrownBy(() -> map("{\"model\":\"m\"}")).isInstanceOf(AdapterException.class)
                .hasMessageContaining("messages");
        assertThatThrownBy(() -> map("{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}"))
                .hasMessageContaining("messages[0].tool_call_id");
        assertThatThrownBy(() -> map("{\"messages\":[],\"n\":3}")).hasMessageContaining("n must be 1");
        assertThatThrownBy(() -> map("{\"messages\":[],\"response_format\":{\"type\":\"yaml\"}}"))
                .hasMessageContaining("response_format.type");
    }
}
