package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.config.Settings;
import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.sse.SseEvent;
import com.codexmanager.gateway.upstream.OutcomeClassifier;
import com.codexmanager.gateway.upstream.StreamWatchdog;
import com.codexmanager.gateway.upstream.UpstreamBody;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's hot-path properties, pinned without timing: upstream bytes reach the client unchanged, a burst that
 * is already buffered leaves in one flush, and events that arrive one by one are each flushed at once.
 */
class StreamRelayTest {
    private static final String CREATED = "event: response.created\ndata: {\"type\":\"response.created\"}\n\n";
    private static final String COMPLETED = "event: response.completed\ndata: {\"type\":\"response.completed\","
            + "\"response\":{\"model\":\"gpt-5.5\",\"usage\":{\"input_tokens\":3,\"output_tokens\":20}}}\n\n";

    private final StreamWatchdog watchdog = new StreamWatchdog(Duration.ofSeconds(1), System::nanoTime);
    private final GatewaySettings settings = GatewaySettings.from(Settings.fromEnvironment(Map.of()));

    @AfterEach
    void stop() {
        watchdog.close();
    }

    private static String delta(int i) {
        // unusual but valid spacing: a relay that re-encoded events would change these bytes
        return "event: response.output_text.delta\ndata:{\"type\" : \"response.output_text.delta\",\"delta\":\"d" + i
                + "\"}\n\n";
    }

    @Test
    void a_buffered_burst_leaves_in_one_flush_byte_for_byte() {
        ScriptedBody body = new ScriptedBody();
        StringBuilder upstream = new StringBuilder(CREATED);
        for (int i = 0; i < 20; i++) {
            upstream.append(delta(i));
        }
        upstream.append(COMPLETED);
        body.burst(upstream.toString());
        RecordingClient client = new RecordingClient();

        Attempt result = relay(body, client);

        assertThat(result).isInstanceOfSatisfying(Attempt.Relayed.class, r -> {
            assertThat(r.clean()).isTrue();
            assertThat(r.usage().outputTokens()).isEqualTo(20L);
            assertThat(r.upstreamModel()).isEqualTo("gpt-5.5");
        });
        assertThat(client.bytes.toString(StandardCharsets.UTF_8)).isEqualTo(upstream.toString());
        assertThat(client.flushes).as("flushes before the end").isZero();
        assertThat(client.ended).isTrue();
    }

    @Test
    void events_that_arrive_one_by_one_are_each_flushed_at_once() {
        ScriptedBody body = new ScriptedBody();
        body.drip(CREATED + delta(0));
        for (int i = 1; i < 10; i++) {
            body.drip(delta(i));
        }
        body.drip(COMPLETED);
        RecordingClient client = new RecordingClient();

        relay(body, client);

        assertThat(client.flushes).as("one flush per read that left nothing buffered; the end flushes itself")
                .isEqualTo(10);
        assertThat(client.ended).isTrue();
    }

    @Test
    void a_forwarding_client_gets_output_events_from_the_read_buffer_and_the_rest_decoded() {
        ScriptedBody body = new ScriptedBody();
        StringBuilder upstream = new StringBuilder(CREATED);
        String escapedType = "data: {\"type\":\"response.output_text.d\\u0065lta\",\"delta\":\"e\"}\n\n";
        String twoDataLines = "data: {\"type\":\"response.output_text.delta\",\n"
                + "data: \"delta\":\"m\"}\n\n";
        String comment = ": still here\n\n";
        for (int i = 0; i < 20; i++) {
            upstream.append(delta(i));
        }
        upstream.append(escapedType).append(twoDataLines).append(comment)
                .append(COMPLETED);
        String all = upstream.toString();
        // cut in the middle of the third delta, so one frame is completed from the framer's own buffer
        int cut = all.indexOf(delta(2)) + 10;
        body.drip(all.substring(0, cut));
        body.drip(all.substring(cut));
        ForwardingClient client = new ForwardingClient();

        Attempt result = relay(body, client);

        assertThat(result).isInstanceOfSatisfying(Attempt.Relayed.class, r -> {
            assertThat(r.clean()).isTrue();
            assertThat(r.usage().outputTokens()).isEqualTo(20L);
        });
        assertThat(client.bytes.toString(StandardCharsets.UTF_8)).isEqualTo(all.replace(comment, ""));
        assertThat(client.forwarded).as("the 20 plain deltas").isEqualTo(20);
        assertThat(client.decoded).as("created, the escaped and the two-line delta, completed").isEqualTo(4);
        assertThat(client.ended).isTrue();
    }

    @Test
    void a_forwarding_client_still_sees_nothing_of_a_failure_before_output() {
        ScriptedBody body = new ScriptedBody();
        body.burst(CREATED + "event: error\ndata: {\"type\":\"error\",\"error\":{\"code\":\"server_error\"}}\n\n"
                + delta(0) + COMPLETED);
        ForwardingClient client = new ForwardingClient();

        Attempt result = relay(body, client);

        assertThat(result).isInstanceOf(Attempt.Failed.class);
        assertThat(client.begun).isFalse();
        assertThat(client.bytes.size()).isZero();
    }

    @Test
    void a_failure_before_any_output_reaches_nobody_and_can_fail_over() {
        ScriptedBody body = new ScriptedBody();
        body.burst(CREATED + "event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":{\"error\":"
                + "{\"code\":\"server_error\",\"message\":\"boom\"}}}\n\n");
        RecordingClient client = new RecordingClient();

        Attempt result = relay(body, client);

        assertThat(result).isInstanceOfSatisfying(Attempt.Failed.class,
                f -> assertThat(f.outcome().failover()).isTrue());
        assertThat(client.begun).isFalse();
        assertThat(client.bytes.size()).isZero();
    }

    private Attempt relay(ScriptedBody body, RecordingClient client) {
        try (AttemptWatch watch = new AttemptWatch(body::cancel, client, new OpenAttempts())
                .register(watchdog, settings)) {
            return new StreamRelay(body, client, new OutcomeClassifier(Clock.systemUTC()), watch, settings)
                    .run(System.nanoTime(), Map.of());
        }
    }

    /** An upstream body whose reads return prepared chunks; available() says whether the next read would block. */
    private static final class ScriptedBody extends InputStream implements UpstreamBody {
        private record Chunk(byte[] bytes, boolean withPrevious) {
        }

        private final Deque<Chunk> chunks = new ArrayDeque<>();

        /** Many events already in the connection buffer: each read returns one, the next is already there. */
        void burst(String events) {
            boolean first = true;
            for (String event : events.split("(?<=\n\n)")) {
                chunks.add(new Chunk(event.getBytes(StandardCharsets.UTF_8), !first));
                first = false;
            }
        }

        /** One read's worth that arrived alone: after it, the next read would block. */
        void drip(String events) {
            chunks.add(new Chunk(events.getBytes(StandardCharsets.UTF_8), false));
        }

        @Override
        public InputStream body() {
            return this;
        }

        @Override
        public void cancel() {
            chunks.clear();
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the relay reads in blocks");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Chunk next = chunks.poll();
            if (next == null) {
                return -1;
            }
            System.arraycopy(next.bytes(), 0, b, off, next.bytes().length);
            return next.bytes().length;
        }

        @Override
        public int available() {
            Chunk next = chunks.peek();
            return next != null && next.withPrevious() ? next.bytes().length : 0;
        }
    }

    private static class RecordingClient implements ClientStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int flushes;
        int decoded;
        boolean begun;
        boolean ended;

        @Override
        public void begin() {
            begun = true;
        }

        @Override
        public void event(SseEvent event) {
            assertThat(begun).as("written after begin").isTrue();
            decoded++;
            bytes.writeBytes(event.wire());
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void keepalive() {
        }

        @Override
        public void fail(String code, String message) {
        }

        @Override
        public void end() {
            ended = true;
        }
    }

    /** A client that takes frames as they are, like the Responses stream. */
    private static final class ForwardingClient extends RecordingClient {
        int forwarded;

        @Override
        public boolean forwardsFrames() {
            return true;
        }

        @Override
        public void frame(byte[] frame, int from, int to) {
            assertThat(begun).as("written after begin").isTrue();
            forwarded++;
            bytes.write(frame, from, to - from);
            // the range is the caller's buffer: spoil it, as the next read would, to prove nothing keeps it
            java.util.Arrays.fill(frame, from, to, (byte) '#');
        }
    }
}
