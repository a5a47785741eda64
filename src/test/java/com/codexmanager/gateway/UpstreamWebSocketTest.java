package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.port.RequestRecorder.RequestRecord;
import com.codexmanager.json.Json;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RecordedRequest;
import com.codexmanager.testkit.ResponsesSocket;
import com.codexmanager.testkit.Scenario;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Client WebSocket turns reach the backend over an upstream WebSocket (codex-protocol.md §2.9) when it offers one:
 * one upstream socket per client socket and account, reused across turns, with HTTP SSE as the fallback and the same
 * failover and cooldowns as over HTTP.
 */
class UpstreamWebSocketTest {
    GatewayTestBed bed;
    FakeAccount first;
    FakeAccount second;
    String session = UUID.randomUUID().toString();

    private void start(boolean fakeServesWebSockets, Map<String, String> env) {
        bed = new GatewayTestBed(FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build())
                .serveWebSockets(fakeServesWebSockets), env);
        first = bed.fake.createAccount();
        second = bed.fake.createAccount();
        bed.pool.add(first, 1).add(second, 2);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private ResponsesSocket open() {
        return ResponsesSocket.open(bed.baseUrl(), ResponsesSocket.codexHeaders(TestKeys.KEY, session));
    }

    private static String frame(String previousResponseId, String text) {
        JsonObject frame = Json.object("{\"type\":\"response.create\",\"model\":\"gpt-5.5\",\"stream\":true,"
                + "\"store\":false,\"tool_choice\":\"auto\",\"parallel_tool_calls\":true}");
        if (previousResponseId != null) {
            frame.addProperty("previous_response_id", previousResponseId);
        }
        JsonArray input = new JsonArray();
        input.add(Json.object("{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"" + text + "\"}]}"));
        frame.add("input", input);
        return frame.toString();
    }

    private static String last(List<JsonObject> frames) {
        return frames.get(frames.size() - 1).get("type").getAsString();
    }

    private static String responseId(List<JsonObject> frames) {
        return frames.get(frames.size() - 1).getAsJsonObject("response").get("id").getAsString();
    }

    private List<RecordedRequest> turns() {
        return bed.fake.turns(FakeUpstream.RESPONSES_PATH);
    }

    private long upgrades() {
        return bed.fake.requests(FakeUpstream.RESPONSES_PATH).stream().filter(r -> r.method().equals("GET")).count();
    }

    private RequestRecord row(int count) {
        Await.until(count + " rows", () -> bed.recorder.records.size() >= count);
        return bed.recorder.records.get(count - 1);
    }

    @Test
    void a_client_websocket_turn_goes_upstream_over_a_websocket() throws Exception {
        start(true, Map.of());

        try (ResponsesSocket socket = open()) {
            assertThat(last(socket.turn(frame(null, "over the socket")))).isEqualTo("response.completed");
        }

        assertThat(turns()).singleElement().satisfies(turn -> {
            assertThat(turn.transport()).isEqualTo(RecordedRequest.WEBSOCKET);
            assertThat(turn.json().get("type").getAsString()).isEqualTo("response.create");
            assertThat(turn.account()).contains(first.accountId());
        });
        var row = row(1);
        assertThat(row.transport()).isEqualTo("websocket");
        assertThat(row.status()).isEqualTo(200);
        assertThat(row.outputTokens()).isNotNull();
    }

    @Test
    void the_next_turn_on_the_same_client_socket_reuses_the_upstream_socket() throws Exception {
        start(true, Map.of());

        try (ResponsesSocket socket = open()) {
            List<JsonObject> one = socket.turn(frame(null, "first question"));
            List<JsonObject> two = socket.turn(frame(responseId(one), "second question"));

            assertThat(last(two)).isEqualTo("response.completed");
        }

        assertThat(upgrades()).isEqualTo(1);
        assertThat(turns()).hasSize(2).allMatch(turn -> turn.transport().equals(RecordedRequest.WEBSOCKET));
        JsonObject second = turns().get(1).json();
        assertThat(second.has("previous_response_id")).as("the whole conversation goes upstream").isFalse();
        assertThat(second.getAsJsonArray("input").toString()).contains("first question", "second question");
    }

    /** Policy: the pool account's plan, credits and usage stay in the gateway, as an HTTP reply's headers do. */
    @Test
    void the_backends_rate_limits_frame_feeds_the_usage_observer_and_stays_in_the_gateway() throws Exception {
        start(true, Map.of());
        first.setPrimaryUsedPercent(37.5).setSecondaryUsedPercent(12);

        List<JsonObject> frames;
        try (ResponsesSocket socket = open()) {
            frames = socket.turn(frame(null, "how much is left"));
        }

        assertThat(frames).extracting(f -> f.get("type").getAsString()).as("not forwarded to the client")
                .doesNotContain("codex.rate_limits").startsWith("response.created");
        Map<String, String> fed = bed.rateLimits.get(first.accountId());
        assertThat(fed).as("the x-codex-* headers an HTTP reply would carry")
                .containsKey("x-codex-primary-used-percent")
                .containsEntry("x-codex-primary-window-minutes", "300")
                .containsEntry("x-codex-secondary-window-minutes", "10080")
                .containsEntry("x-codex-plan-type", first.planType())
                .containsEntry("x-codex-credits-has-credits", "false")
                .containsKey("x-codex-primary-reset-at");
        assertThat(Double.parseDouble(fed.get("x-codex-primary-used-percent"))).isGreaterThanOrEqualTo(37.5);
    }

    @Test
    void a_426_from_the_upstream_falls_back_to_http_and_is_remembered() throws Exception {
        start(false, Map.of());

        try (ResponsesSocket socket = open()) {
            assertThat(last(socket.turn(frame(null, "one")))).isEqualTo("response.completed");
            assertThat(last(socket.turn(frame(null, "two")))).isEqualTo("response.completed");
        }

        assertThat(upgrades()).as("one refused upgrade, then HTTP only").isEqualTo(1);
        assertThat(turns()).hasSize(2).allMatch(turn -> turn.transport().equals(RecordedRequest.HTTP));
        assertThat(row(2).status()).isEqualTo(200);
    }

    @Test
    void a_failure_before_output_fails_over_to_another_account() throws Exception {
        start(true, Map.of());
        first.enqueue(Scenario.ERROR_BEFORE_OUTPUT);

        try (ResponsesSocket socket = open()) {
            List<JsonObject> frames = socket.turn(frame(null, "failover"));

            assertThat(frames).filteredOn(f -> f.get("type").getAsString().equals("response.created")).hasSize(1);
            assertThat(last(frames)).isEqualTo("response.completed");
        }

        assertThat(row(1).attemptedAccountIds()).containsExactly(first.accountId(), second.accountId());
        assertThat(turns()).extracting(RecordedRequest::transport).containsOnly(RecordedRequest.WEBSOCKET);
    }

    @Test
    void a_usage_limit_error_frame_benches_the_account() throws Exception {
        start(true, Map.of());
        first.enqueue(Scenario.USAGE_LIMIT);

        try (ResponsesSocket socket = open()) {
            assertThat(last(socket.turn(frame(null, "spent")))).isEqualTo("response.completed");
            assertThat(last(socket.turn(frame(null, "again")))).isEqualTo("response.completed");
        }

        assertThat(row(1).attemptedAccountIds()).containsExactly(first.accountId(), second.accountId());
        assertThat(row(2).attemptedAccountIds()).as("the spent account sits out").containsExactly(second.accountId());
        assertThat(turns()).extracting(RecordedRequest::transport).containsOnly(RecordedRequest.WEBSOCKET);
        assertThat(bed.rateLimits.get(first.accountId())).as("the error frame's headers, as an HTTP 429's")
                .containsEntry("x-codex-primary-used-percent", "100");
    }

    /** The bug: over the upstream WebSocket the refusal lost the x-codex-* headers that HTTP SSE passes on. */
    @Test
    void a_usage_limit_refusal_carries_the_same_rate_limit_headers_over_both_upstream_transports() throws Exception {
        Map<String, String> overSocket = usageLimitRefusalHeaders(true);
        bed.close();
        Map<String, String> overHttp = usageLimitRefusalHeaders(false);

        assertThat(overHttp).isNotEmpty();
        assertThat(overSocket.keySet()).isEqualTo(overHttp.keySet());
        assertThat(overSocket).containsEntry("x-codex-primary-used-percent", "100")
                .containsEntry("x-codex-plan-type", overHttp.get("x-codex-plan-type"));
    }

    /** The x-codex-* headers of the client's error frame when the only account is spent. */
    private Map<String, String> usageLimitRefusalHeaders(boolean upstreamSockets) throws Exception {
        bed = new GatewayTestBed(FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build())
                .serveWebSockets(upstreamSockets), Map.of());
        first = bed.fake.createAccount();
        bed.pool.add(first, 1);
        first.enqueue(Scenario.USAGE_LIMIT);
        List<JsonObject> frames;
        try (ResponsesSocket socket = open()) {
            frames = socket.turn(frame(null, "spent"));
        }
        assertThat(turns()).singleElement().extracting(RecordedRequest::transport)
                .isEqualTo(upstreamSockets ? RecordedRequest.WEBSOCKET : RecordedRequest.HTTP);
        JsonObject error = frames.get(frames.size() - 1);
        assertThat(error.get("type").getAsString()).isEqualTo("error");
        Map<String, String> headers = new TreeMap<>();
        error.getAsJsonObject("headers").entrySet().stream().filter(e -> e.getKey().startsWith("x-codex-"))
                .forEach(e -> headers.put(e.getKey(), e.getValue().getAsString()));
        return headers;
    }

    /** The bug: a socket opened with one conversation's session_id carried another conversation's turns. */
    @Test
    void a_turn_of_another_conversation_gets_its_own_upstream_socket() throws Exception {
        start(true, Map.of());

        try (ResponsesSocket socket = open()) {
            socket.turn(withCacheKey(frame(null, "one"), "conversation-a"));
            socket.turn(withCacheKey(frame(null, "two"), "conversation-a"));
            assertThat(last(socket.turn(withCacheKey(frame(null, "three"), "conversation-b"))))
                    .isEqualTo("response.completed");
        }

        assertThat(upgrades()).as("one socket per conversation").isEqualTo(2);
    }

    private static String withCacheKey(String frame, String key) {
        JsonObject json = Json.object(frame);
        json.addProperty("prompt_cache_key", key);
        return json.toString();
    }

    @Test
    void turned_off_every_turn_goes_over_http() throws Exception {
        start(true, Map.of("CODEXMANAGER_UPSTREAM_WEBSOCKET", "off"));

        try (ResponsesSocket socket = open()) {
            assertThat(last(socket.turn(frame(null, "plain")))).isEqualTo("response.completed");
        }

        assertThat(upgrades()).isZero();
        assertThat(turns()).singleElement().extracting(RecordedRequest::transport).isEqualTo(RecordedRequest.HTTP);
    }
}
