package com.codexmanager.gateway.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A delta read from the bytes of a received frame is the delta read from the frame's decoded text, on hand-made
 * frames and on thousands of generated ones: members in any order and repeated, every escape, indexes in every
 * spelling, values of every kind, broken JSON, several data lines, CRLF endings.
 */
class DeltaTest {
    @Test
    void reads_a_delta_frame_from_its_bytes() {
        byte[] wire = bytes("event: response.output_text.delta\ndata: {\"type\":"
                + "\"response.output_text.delta\",\"output_index\":2,\"delta\":\"caf\\u00e9 \\\"q\\\"\\n\","
                + "\"summary_index\":-1}\n\n");

        assertThat(SseLines.delta(wire)).as("read from the bytes, not the decoded text")
                .isEqualTo(new Delta("caf\u00e9 \"q\"\n", 2, -1));
        assertThat(SseEvent.received(wire, 0, wire.length).delta()).isEqualTo(new Delta("caf\u00e9 \"q\"\n", 2, -1));
    }

    @Test
    void reads_what_the_decoded_text_gives_on_odd_frames() {
        for (String data : List.of("{}", "{ }", "[]", "\"x\"", "", "{\"delta\":1}", "{\"delta\":\"a\",\"delta\":2}",
                "{\"delta\":\"a\",\"delta\":\"b\"}", "{\"output_index\":1.0}", "{\"output_index\":1e2}",
                "{\"output_index\":12345678901}", "{\"output_index\":-0}", "{\"output_index\":\"3\"}",
                "{\"delta\":\"open}", "{\"delta\":\"a\"", "{\"delta\":\"a\",}", "{'delta':'a'}", "{delta:\"a\"}",
                "{\"delta\":\"tab\there\"}", "{\"delta\":\"\\x\"}", "{\"d\\u0065lta\":\"escaped name\"}",
                "{\"delta\":\"a\"} trailing", "{\"nested\":{\"delta\":\"no\"},\"delta\":\"yes\"}",
                "{\"output_index\":" + "9".repeat(1100) + "}")) {
            assertSameAsText("data: " + data + "\n\n");
        }
        assertSameAsText("data: {\"delta\":\n data: \"two lines\"}\n\n");
        assertSameAsText("data: {\"delta\":\"crlf\",\"output_index\":4}\r\n\r\n");
        assertSameAsText(": comment\nevent: x\ndata:{\"delta\":\"no space\"}\n\n");
        byte[] notUtf8 = {'d', 'a', 't', 'a', ':', ' ', '{', '"', 'd', 'e', 'l', 't', 'a', '"', ':', '"', (byte) 0xC3,
            '"', '}', '\n', '\n'};
        assertThat(SseEvent.received(notUtf8, 0, notUtf8.length).delta()).isEqualTo(Delta.read(SseLines.decode(notUtf8).data()));
    }

    @Test
    void reads_what_the_decoded_text_gives_on_generated_frames() {
        Random random = new Random(20261207);
        for (int n = 0; n < 5000; n++) {
            List<String> members = new ArrayList<>();
            int count = random.nextInt(6);
            for (int k = 0; k < count; k++) {
                members.add(member(random));
            }
            Collections.shuffle(members, random);
            String data = "{" + String.join("," + space(random), members) + "}";
            if (random.nextInt(10) == 0) {
                data = data.substring(0, random.nextInt(data.length()));
            }
            String frame = (random.nextBoolean() ? "event: response.output_text.delta\n" : "") + "data: " + data
                    + (random.nextInt(5) == 0 ? "\r\n\r\n" : "\n\n");
            assertSameAsText(frame);
        }
    }

    private static void assertSameAsText(String frame) {
        byte[] wire = bytes(frame);
        Delta expected = Delta.read(SseLines.decode(wire).data());
        assertThat(SseEvent.received(wire, 0, wire.length).delta()).as(frame).isEqualTo(expected);
    }

    private static String member(Random random) {
        String name = List.of("\"delta\"", "\"output_index\"", "\"summary_index\"", "\"type\"", "\"item_id\"",
                "\"d\\u0065lta\"").get(random.nextInt(6));
        String value = switch (random.nextInt(9)) {
            case 0 -> "\"plain text\"";
            case 1 -> "\"esc \\\" \\\\ \\n \\u00e9 \\ud83d\\ude00 \\/\"";
            case 2 -> "\"caf\u00e9 \u6f22 \uD83D\uDE00\"";
            case 3 -> Integer.toString(random.nextInt(2000) - 1000);
            case 4 -> List.of("1.0", "1e2", "-0", "12345678901", "0.5").get(random.nextInt(5));
            case 5 -> "null";
            case 6 -> "{\"delta\":\"inner\",\"a\":[1,2,{\"b\":null}]}";
            case 7 -> "[\"x\",true,false]";
            default -> "\"\"";
        };
        return name + space(random) + ":" + space(random) + value;
    }

    private static String space(Random random) {
        return random.nextInt(4) == 0 ? " " : "";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
