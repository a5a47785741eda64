package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.port.RequestRecorder.RequestRecord;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.MutableClock;
import com.codexmanager.testkit.RecordedRequest;
import com.codexmanager.testkit.ResponsesSocket;
import com.codexmanager.testkit.SilentRelay;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The health of a reused upstream WebSocket (codex-protocol.md §2.9): a socket that idled is pinged or replaced, a
 * reused one that never answers and one the backend ends at its connection limit hand the turn to a fresh socket of
 * the same account, and upgrades that keep failing are remembered for a while. The gateway reaches the fake through
 * a relay that can go silent, as a connection dropped on the way does; the service clock is the test's.
 */
class UpstreamSocketHealthTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final String session = UUID.randomUUID().toString();
    FakeUpstream fake;
    SilentRelay relay;
    GatewayTestBed bed;
    FakeAccount first;
    FakeAccount second;

    private void start(Map<String, String> env) throws IOException {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build()).serveWebSockets(true);
        relay = SilentRelay.to(fake.port());
        Map<String, String> all = new HashMap<>(env);
        all.put("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl().replace(":" + fake.port() + "/",
                ":" + relay.port() + "/"));
        bed = new GatewayTestBed(fake, all, clock);
        first = fake.createAccount();
        second = fake.createAccount();
        bed.pool.add(first, 1).add(second, 2);
    }

    @AfterEach
    void stop() {
        bed.close();
        relay.close();
    }

    private ResponsesSocket open() {
        return ResponsesSocket.open(bed.baseUrl(), ResponsesSocket.codexHeaders(TestKeys.KEY, session));
    }

    private static String frame(String text) {
        return "{\"type\":\"response.create\",\"model\":\"gpt-5.5\",\"stream\":true,\"store\":false,\"input\":"
                + "[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"" + text
                + "\"}]}]}";
    }

    private static String last(List<JsonObject> frames) {
        return frames.get(frames.size() - 1).get("type").getAsString();
    }

    private long upgrades() {
        return fake.requests(FakeUpstream.RESPONSES_PATH).stream().filter(r -> r.method().equals("GET")).count();
    }

    private RequestRecord row(int count) {
        Await.until(count + " rows", () -> bed.recorder.records.size() >= count);
        return bed.recorder.records.get(count - 1);
    }

    @Test
    void an_upstream_socket_idle_for_minutes_is_closed_and_a_fresh_one_takes_the_next_turn() throws Exception {
        start(Map.of());

        try (ResponsesSocket socket = open()) {
            socket.turn(frame("one"));
            clock.advance(UpstreamSocketSlot.MAX_IDLE.plusSeconds(1));
            assertThat(last(socket.turn(frame("two")))).isEqualTo("response.completed");
        }

        assertThat(upgrades()).as("the idle socket was not trusted with the turn").isEqualTo(2);
        assertThat(row(2).attemptedAccountIds()).containsExactly(first.accountId());
    }

    /** The bug: a socket dropped silently while idle made the next turn wait the whole first-byte timeout. */
    @Test
    void a_socket_silently_dropped_while_idle_fails_its_ping_and_a_fresh_one_takes_the_turn() throws Exception {
        start(Map.of());

        try (ResponsesSocket socket = open()) {
            socket.turn(frame("one"));
            clock.advance(UpstreamSocketSlot.PING_AFTER.plusSeconds(1));
            relay.silenceOpenConnections();
            List<JsonObject> two = socket.turn(frame("two"));

            assertThat(last(two)).isEqualTo("response.completed");
        }

        assertThat(upgrades()).isEqualTo(2);
        assertThat(row(2).attemptedAccountIds()).as("no failover, no bench").containsExactly(first.accountId());
    }

    /** The bug: a reused socket that never answered benched a healthy account as NETWORK. */
    @Test
    void a_first_byte_timeout_on_a_reused_socket_retries_on_a_fresh_socket_of_the_same_account() throws Exception {
        start(Map.of("CODEXMANAGER_UPSTREAM_FIRST_BYTE_TIMEOUT_SECS", "2"));

        try (ResponsesSocket socket = open()) {
            socket.turn(frame("one"));
            relay.silenceOpenConnections();
            assertThat(last(socket.turn(frame("two")))).isEqualTo("response.completed");
            assertThat(last(socket.turn(frame("three")))).isEqualTo("response.completed");
        }

        assertThat(upgrades()).isEqualTo(2);
        assertThat(row(2).attemptedAccountIds()).containsExactly(first.accountId());
        assertThat(row(3).attemptedAccountIds()).as("not benched").containsExactly(first.accountId());
    }

    /** The bug: the backend's 60-minute limit reached the client as a 400 invalid request. */
    @Test
    void the_backends_connection_limit_sends_the_turn_again_on_a_fresh_socket() throws Exception {
        start(Map.of());

        try (ResponsesSocket socket = open()) {
            socket.turn(frame("one"));
            fake.connectionLimitOnNextSocketTurns(1);
            List<JsonObject> two = socket.turn(frame("two"));

            assertThat(last(two)).isEqualTo("response.completed");
        }

        assertThat(upgrades()).isEqualTo(2);
        assertThat(row(2).attemptedAccountIds()).containsExactly(first.accountId());
        assertThat(row(2).status()).isEqualTo(200);
    }

    @Test
    void upgrades_that_keep_failing_are_remembered_for_a_while_and_counted() throws Exception {
        start(Map.of());
        fake.refuseWebSocketUpgradesWith(502);

        try (ResponsesSocket socket = open()) {
            for (int i = 0; i < SocketFallbacks.FAILURES_IN_A_ROW + 1; i++) {
                assertThat(last(socket.turn(frame("turn " + i)))).isEqualTo("response.completed");
            }
            assertThat(upgrades()).as("then HTTP only").isEqualTo(SocketFallbacks.FAILURES_IN_A_ROW);
            fake.refuseWebSocketUpgradesWith(0);
            clock.advance(SocketFallbacks.AFTER_FAILURES_FOR);
            assertThat(last(socket.turn(frame("later")))).isEqualTo("response.completed");
        }

        assertThat(fake.turns(FakeUpstream.RESPONSES_PATH)).extracting(RecordedRequest::transport)
                .startsWith(RecordedRequest.HTTP, RecordedRequest.HTTP, RecordedRequest.HTTP, RecordedRequest.HTTP)
                .endsWith(RecordedRequest.WEBSOCKET);
        assertThat(bed.module.metrics().snapshot().upstreamUpgradesFailedByReason())
                .containsEntry("failed", (long) SocketFallbacks.FAILURES_IN_A_ROW);
    }

    /** The bug: the upgrade ran before the attempt was watched, so a shutdown could not end a hanging one. */
    @Test
    void a_stopping_service_ends_a_turn_whose_upgrade_hangs() throws Exception {
        start(Map.of());
        relay.silenceNewConnections(true);

        List<JsonObject> frames;
        try (ResponsesSocket socket = open()) {
            socket.send(frame("hangs"));
            Await.until("the upgrade under way", () -> relay.accepted() >= 1);
            bed.module.endOpenStreams();
            frames = socket.untilTerminal(Duration.ofSeconds(30));
        }

        assertThat(frames.get(frames.size() - 1).toString()).contains("service_stopping");
        assertThat(bed.recorder.traces).as("ended by the shutdown, not by the handshake timeout")
                .noneMatch(line -> "upgrade_failed".equals(line.fields().get("reason")));
    }
}
