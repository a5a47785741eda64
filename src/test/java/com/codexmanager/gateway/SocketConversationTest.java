package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.gateway.protocol.AdapterException;
import com.codexmanager.json.Json;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a Responses WebSocket remembers between turns, and what it refuses to. */
class SocketConversationTest {
    private static final long LIMIT = 16 * 1024 * 1024;

    private final SocketConversation conversation = new SocketConversation();

    private static JsonArray array(String json) {
        return Json.parse(json).getAsJsonArray();
    }

    private static JsonObject frame(String previous, String input) {
        return Json.object("{\"model\":\"gpt-5.5\",\"previous_response_id\":\"" + previous + "\",\"input\":" + input
                + "}");
    }

    @Test
    void the_last_turn_and_its_outputs_come_back_in_front_of_the_new_items() {
        conversation.remember("resp_1", array("[{\"type\":\"message\",\"role\":\"user\",\"content\":\"a\"}]"),
                List.of(Json.object("{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"b\"}")), LIMIT);

        JsonObject body = conversation.expand(frame("resp_1", "[{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":\"c\"}]"));

        assertThat(body.has("previous_response_id")).isFalse();
        assertThat(body.getAsJsonArray("input")).hasSize(3);
        assertThat(body.getAsJsonArray("input").toString()).containsSubsequence("\"a\"", "\"b\"", "\"c\"");
    }

    @Test
    void a_warm_up_remembers_its_input_and_an_empty_delta_replays_it() {
        conversation.remember("resp_warm", array("[{\"type\":\"message\",\"role\":\"developer\",\"content\":\"d\"}]"),
                List.of(), LIMIT);

        JsonObject body = conversation.expand(frame("resp_warm", "[]"));

        assertThat(body.getAsJsonArray("input")).hasSize(1);
    }

    @Test
    void a_string_delta_is_appended_as_one_item() {
        conversation.remember("resp_1", array("[]"), List.of(), LIMIT);

        JsonObject body = conversation.expand(frame("resp_1", "\"more\""));

        assertThat(body.getAsJsonArray("input").toString()).isEqualTo("[\"more\"]");
    }

    @Test
    void only_the_last_response_can_be_named() {
        conversation.remember("resp_1", array("[]"), List.of(), LIMIT);
        conversation.remember("resp_2", array("[]"), List.of(), LIMIT);

        assertThatThrownBy(() -> conversation.expand(frame("resp_1", "[]"))).isInstanceOf(AdapterException.class)
                .satisfies(e -> assertThat(((AdapterException) e).code()).isEqualTo("previous_response_not_found"));
    }

    @Test
    void a_conversation_beyond_the_body_limit_is_not_kept() {
        String big = "x".repeat(2000);
        conversation.remember("resp_1", array("[{\"type\":\"message\",\"role\":\"user\",\"content\":\"" + big
                + "\"}]"), List.of(), 1024);

        assertThat(conversation.size()).isZero();
        assertThatThrownBy(() -> conversation.expand(frame("resp_1", "[]"))).isInstanceOf(AdapterException.class);
    }

    @Test
    void the_kept_items_are_the_input_then_the_outputs_as_gson_would_write_them() {
        JsonArray input = array("[{\"type\":\"message\",\"content\":\"caf\u00e9 \\\"q\\\" \uD83D\uDE00\"},7]");
        List<JsonObject> outputs = List.of(Json.object("{\"type\":\"a\",\"n\":1.50}"), Json.object("{\"type\":\"b\"}"));
        for (JsonArray start : List.of(input, array("[]"))) {
            JsonArray expected = start.deepCopy();
            outputs.forEach(expected::add);
            conversation.remember("resp_1", start, outputs, LIMIT);

            JsonObject body = conversation.expand(frame("resp_1", "[]"));

            assertThat(body.getAsJsonArray("input").toString()).isEqualTo(expected.toString());
            assertThat(conversation.size()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void the_body_limit_counts_utf8_bytes_and_keeps_a_conversation_that_fits_exactly() {
        JsonArray input = array("[\"\u00e9\u00e9\"]");
        List<JsonObject> outputs = List.of(Json.object("{\"t\":\"x\"}"));
        int bytes = "[\"\u00e9\u00e9\",{\"t\":\"x\"}]".getBytes(StandardCharsets.UTF_8).length;

        conversation.remember("resp_1", input, outputs, bytes);
        assertThat(conversation.size()).isEqualTo(bytes);

        conversation.remember("resp_2", input, outputs, bytes - 1);
        assertThat(conversation.size()).isZero();
    }

    @Test
    void a_frame_without_previous_response_id_is_left_as_it_is() {
        JsonObject body = Json.object("{\"input\":[{\"type\":\"message\"}]}");

        assertThat(conversation.expand(body)).isSameAs(body);
        assertThat(body.getAsJsonArray("input")).hasSize(1);
    }
}
