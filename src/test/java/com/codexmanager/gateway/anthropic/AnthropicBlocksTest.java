package com.codexmanager.gateway.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.protocol.ToolNames;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Block bookkeeping of the Anthropic stream: one open block at a time, indexes in order, nothing lost. */
class AnthropicBlocksTest {
    private final List<String> frames = new ArrayList<>();
    private final AnthropicBlocks blocks = new AnthropicBlocks(frames::add);

    private static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }

    private List<String> events() {
        return frames.stream().map(f -> f.substring(7, f.indexOf('\n'))).toList();
    }

    @Test
    void two_tool_calls_become_two_sequential_tool_use_blocks() throws Exception {
        blocks.toolUse(0, "call_a", "get_weather");
        blocks.toolArguments(0, "{\"city\":");
        blocks.toolArguments(0, "\"Oslo\"}");
        blocks.itemDone(0, json("{\"type\":\"function_call\",\"call_id\":\"call_a\",\"name\":\"get_weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}"), ToolNames.EMPTY);
        blocks.toolUse(1, "call_b", "get_weather");
        blocks.itemDone(1, json("{\"type\":\"function_call\",\"call_id\":\"call_b\",\"name\":\"get_weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}"), ToolNames.EMPTY);

        assertThat(events()).containsExactly("content_block_start", "content_block_delta", "content_block_delta",
                "content_block_stop", "content_block_start", "content_block_delta", "content_block_stop");
        assertThat(frames.get(4)).contains("\"index\":1").contains("\"id\":\"call_b\"");
        assertThat(frames.get(5)).contains("input_json_delta").contains("Paris");
        assertThat(blocks.sawToolUse()).isTrue();
    }

    @Test
    void reasoning_without_summary_still_yields_a_thinking_block_with_its_signature() throws Exception {
        blocks.itemDone(0, json("{\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"gAAAAB-x\"}"),
                ToolNames.EMPTY);

        assertThat(events()).containsExactly("content_block_start", "content_block_delta", "content_block_stop");
        assertThat(frames.get(0)).contains("\"type\":\"thinking\"");
        assertThat(frames.get(1)).contains("signature_delta").contains("gAAAAB-x");
    }

    @Test
    void a_message_seen_only_at_done_is_emitted_whole_and_a_streamed_one_is_not_repeated() throws Exception {
        blocks.itemDone(0, json("{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi\"}]}"),
                ToolNames.EMPTY);
        blocks.text(1, "Again");
        blocks.closeText(1);
        blocks.itemDone(1, json("{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"Again\"}]}"),
                ToolNames.EMPTY);

        assertThat(frames.stream().filter(f -> f.contains("text_delta")).toList()).hasSize(2);
        assertThat(events()).filteredOn("content_block_stop"::equals).hasSize(2);
    }

    @Test
    void opening_a_new_block_closes_the_open_one() throws Exception {
        blocks.thinking(0, "pondering");
        blocks.text(1, "answer");
        blocks.closeOpen();

        assertThat(events()).containsExactly("content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop");
    }

    @Test
    void delta_frames_read_as_gson_writes_them_from_a_tree() throws Exception {
        String[] texts = {"plain", "a \"quote\", a \\ and\nlines\t", "caf\u00e9 \uD83D\uDE00 \u2028 \u0001", "",
            null};
        blocks.text(0, "start");
        assertDeltaFrames(texts, text -> blocks.text(0, text), text -> deltaFrame(0, "text_delta", "text", text));
        blocks.toolUse(1, "call_a", "f");
        assertDeltaFrames(texts, text -> blocks.toolArguments(1, text),
                text -> deltaFrame(1, "input_json_delta", "partial_json", text));
    }

    /** Each text sent alone gives exactly its expected frame; an empty or missing one gives none. */
    private void assertDeltaFrames(String[] texts, ThrowingConsumer<String> send, Function<String, String> expected)
            throws Exception {
        for (String text : texts) {
            frames.clear();
            send.accept(text);
            if (text == null || text.isEmpty()) {
                assertThat(frames).isEmpty();
            } else {
                assertThat(frames).containsExactly(expected.apply(text));
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    private static String deltaFrame(int index, String deltaType, String field, String value) {
        JsonObject delta = new JsonObject();
        delta.addProperty("type", deltaType);
        delta.addProperty(field, value);
        JsonObject event = new JsonObject();
        event.addProperty("type", "content_block_delta");
        event.addProperty("index", index);
        event.add("delta", delta);
        return "event: content_block_delta\ndata: " + event + "\n\n";
    }
}
