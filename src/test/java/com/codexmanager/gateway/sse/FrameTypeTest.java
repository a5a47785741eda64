package com.codexmanager.gateway.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The in-place type read agrees with the decoded one where it answers, and declines everything else. */
class FrameTypeTest {
    private static final byte[] DELTA = FrameType.of("response.output_text.delta");
    private static final byte[] COMPLETED = FrameType.of("response.completed");

    private final FrameType type = new FrameType();

    /** Reads {@code frame} placed inside other bytes, so a read that strays outside its range shows. */
    private boolean readInside(String frame) {
        byte[] bytes = ("data: {\"type\":\"x\"}\n\n" + frame + "data: {\"type\":\"y\"}\n\n")
                .getBytes(StandardCharsets.UTF_8);
        int from = "data: {\"type\":\"x\"}\n\n".length();
        return type.read(bytes, from, from + frame.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"h\"}\n\n",
        "data:{\"type\" : \"response.output_text.delta\"}\r\n\r\n",
        "data: { \"item\": {\"type\": \"message\"}, \"type\": \"response.output_text.delta\" }\r\r",
        "id: 7\ndata: {\"delta\":\"\\\"type\\\":\\\"no\\\"\",\"type\":\"response.output_text.delta\"}\n\n"})
    void a_plain_frame_is_read_where_it_lies_and_agrees_with_the_decoded_type(String frame) {
        assertThat(readInside(frame)).isTrue();
        assertThat(type.is(DELTA)).isTrue();
        assertThat(type.is(COMPLETED)).isFalse();
        assertThat(type.isAny(new byte[][] {COMPLETED, DELTA})).isTrue();
        assertThat(SseEvent.received(frame.getBytes(StandardCharsets.UTF_8), 0, frame.length()).type())
                .isEqualTo("response.output_text.delta");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        ": keep-alive\n\n",
        "event: ping\n\n",
        "data: {\"type\":\"response.output_text.d\\u0065lta\"}\n\n",
        "data: {\"type\":\"response.output_text.delta\",\ndata: \"delta\":\"m\"}\n\n",
        "data: {\"delta\":\"h\"}\n\n",
        "data: [\"type\",\"response.output_text.delta\"]\n\n",
        "data: not json\n\n"})
    void anything_else_is_left_to_the_decoding_path(String frame) {
        assertThat(readInside(frame)).isFalse();
    }

    @Test
    void a_type_that_only_starts_like_another_is_not_it() {
        assertThat(readInside("data: {\"type\":\"response.output_text.delta.more\"}\n\n")).isTrue();
        assertThat(type.is(DELTA)).isFalse();
        assertThat(readInside("data: {\"type\":\"response.output_text\"}\n\n")).isTrue();
        assertThat(type.is(DELTA)).isFalse();
    }
}
