package com.codexmanager.gateway.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SseFramerTest {
    private static final String STREAM = "event: response.created\ndata: {\"type\":\"response.created\"}\n\n"
            + ": keep-alive\n\n"
            + "data: {\"type\":\"response.output_text.delta\",\"delta\":\"h\\u00e9 \\\"x\\\"\"}\r\n\r\n"
            + "event: e\rdata: a\rdata: b\r\r";

    private static List<SseEvent> frame(byte[] bytes, int chunk) throws IOException {
        SseFramer framer = new SseFramer(1024);
        List<SseEvent> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            framer.feed(bytes, i, Math.min(chunk, bytes.length - i),
                    (frame, from, to) -> out.add(SseEvent.received(frame, from, to)));
        }
        return out;
    }

    @ParameterizedTest(name = "reads of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 64, 4096})
    void events_come_out_whole_and_byte_exact_whatever_the_read_sizes(int chunk) throws IOException {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);

        List<SseEvent> events = frame(bytes, chunk);

        assertThat(events).hasSize(4);
        StringBuilder rejoined = new StringBuilder();
        events.forEach(e -> rejoined.append(new String(e.wire(), StandardCharsets.UTF_8)));
        assertThat(rejoined.toString()).isEqualTo(STREAM);
        assertThat(events.get(0).type()).isEqualTo("response.created");
        assertThat(events.get(1).hasData()).isFalse();
        assertThat(events.get(2).type()).isEqualTo("response.output_text.delta");
        assertThat(events.get(2).delta().text()).isEqualTo("hé \"x\"");
        assertThat(events.get(3).event()).isEqualTo("e");
        assertThat(events.get(3).data()).isEqualTo("a\nb");
    }

    @Test
    void an_event_beyond_the_limit_is_an_error_not_unbounded_memory() {
        byte[] huge = ("data: " + "x".repeat(2000)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> frame(huge, 100)).isInstanceOf(IOException.class).hasMessageContaining("1024");
    }

    @Test
    void the_type_of_a_nested_object_is_never_taken_for_the_events_own() {
        SseEvent nested = SseEvent.of("x", "{\"item\":{\"type\":\"message\"},\"type\":\"response.output_item.done\"}");
        SseEvent escaped = SseEvent.of("x", "{\"type\":\"response.\\u0063ompleted\"}");
        SseEvent none = SseEvent.of("named", "{\"item\":{\"type\":\"message\"}}");
        SseEvent notJson = SseEvent.of("named", "[DONE]");

        assertThat(nested.type()).isEqualTo("response.output_item.done");
        assertThat(escaped.type()).isEqualTo("response.completed");
        assertThat(none.type()).isEqualTo("named");
        assertThat(notJson.type()).isEqualTo("named");
    }

    /**
     * The framer scans with locals and a separate search (so it is quick even before the JIT compiles it); it must
     * cut exactly where the plain per-byte state machine it replaced cut, for any mix of line ends and read sizes.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void frames_exactly_as_the_per_byte_state_machine_for_random_line_ends_and_reads(long seed) throws IOException {
        java.util.Random random = new java.util.Random(seed);
        byte[] alphabet = {'a', 'b', ':', ' ', '\r', '\n', '\n', '\r'};
        for (int round = 0; round < 200; round++) {
            byte[] stream = new byte[random.nextInt(200)];
            for (int k = 0; k < stream.length; k++) {
                stream[k] = alphabet[random.nextInt(alphabet.length)];
            }
            SseFramer framer = new SseFramer(1 << 20);
            PerByteFramer reference = new PerByteFramer();
            List<String> got = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int off = 0; off < stream.length; ) {
                int n = Math.min(1 + random.nextInt(9), stream.length - off);
                framer.feed(stream, off, n,
                        (frame, from, to) -> got.add(new String(frame, from, to - from, StandardCharsets.ISO_8859_1)));
                reference.feed(stream, off, n, expected);
                off += n;
            }
            assertThat(got).as("frames of %s", java.util.Arrays.toString(stream)).isEqualTo(expected);
            assertThat(framer.buffered()).isEqualTo(reference.length);
        }
    }

    /** The framer's previous loop, kept as the reference: one state update per byte. */
    private static final class PerByteFramer {
        private byte[] pending = new byte[0];
        private int length;
        private byte lastEnd;
        private boolean atLineStart = true;

        void feed(byte[] bytes, int off, int len, List<String> out) {
            int scanned = length;
            pending = java.util.Arrays.copyOf(pending, length + len);
            System.arraycopy(bytes, off, pending, length, len);
            length += len;
            int frameStart = 0;
            for (int i = scanned; i < length; i++) {
                byte c = pending[i];
                if (c == '\n' && lastEnd == '\r') {
                    lastEnd = 0;
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    lastEnd = c;
                    if (atLineStart) {
                        int end = i + 1;
                        if (c == '\r' && end < length && pending[end] == '\n') {
                            end++;
                            lastEnd = 0;
                        }
                        out.add(new String(pending, frameStart, end - frameStart, StandardCharsets.ISO_8859_1));
                        frameStart = end;
                        i = end - 1;
                    }
                    atLineStart = true;
                    continue;
                }
                lastEnd = 0;
                atLineStart = false;
            }
            pending = java.util.Arrays.copyOfRange(pending, frameStart, length);
            length -= frameStart;
        }
    }
}
