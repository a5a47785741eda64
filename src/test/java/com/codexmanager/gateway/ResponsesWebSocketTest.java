package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.json.Json;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.MutableClock;
import com.codexmanager.testkit.RecordedRequest;
import com.codexmanager.testkit.ResponsesSocket;
import com.codexmanager.testkit.Scenario;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Responses API over a WebSocket, driven the way Codex 0.171 drives it: a warm-up frame
 * ({@code "generate": false}), then turns that send only their new items with {@code previous_response_id}; the
 * upstream (HTTP SSE) always gets the whole conversation. Errors before output are error frames with a status;
 * limits and refusals follow the upstream's own socket.
 */
class ResponsesWebSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    GatewayTestBed bed;
    FakeAccount first;
    FakeAccount second;
    String session = UUID.randomUUID().toString();

    @BeforeEach
    void start() {
        startBed(Map.of());
    }

    private void startBed(Map<String, String> env) {
        startBed(env, FakeUpstreamOptions.builder().strictModels(false).build());
    }

    private void startBed(Map<String, String> env, FakeUpstreamOptions upstream) {
        bed = new GatewayTestBed(FakeUpstream.start(upstream), env, clock);
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

    private static String frame(String previousResponseId, JsonArray input, boolean generate) {
        JsonObject frame = new JsonObject();
        frame.addProperty("type", "response.create");
        frame.addProperty("model", "gpt-5.5");
        frame.addProperty("stream", true);
        if (previousResponseId != null) {
            frame.addProperty("previous_response_id", previousResponseId);
        }
        frame.add("input", input);
        frame.addProperty("tool_choice", "auto");
        frame.addProperty("parallel_tool_calls", true);
        frame.addProperty("store", false);
        if (!generate) {
            frame.addProperty("generate", false);
        }
        JsonObject metadata = new JsonObject();
        metadata.addProperty("x-codex-turn-metadata", "{\"request_kind\":\"turn\"}");
        frame.add("client_metadata", metadata);
        return frame.toString();
    }

    private static JsonObject message(String role, String text) {
        return Json.object("{\"type\":\"message\",\"role\":\"" + role + "\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"" + text + "\"}]}");
    }

    private static JsonArray items(JsonObject... items) {
        JsonArray array = new JsonArray();
        for (JsonObject item : items) {
            array.add(item);
        }
        return array;
    }

    private static String type(JsonObject frame) {
        return frame.get("type").getAsString();
    }

    private static String responseId(List<JsonObject> frames) {
        return frames.get(frames.size() - 1).getAsJsonObject("response").get("id").getAsString();
    }

    private static String text(List<JsonObject> frames) {
        StringBuilder out = new StringBuilder();
        frames.stream().filter(f -> type(f).equals("response.output_text.delta"))
                .forEach(f -> out.append(f.get("delta").getAsString()));
        return out.toString();
    }

    private JsonArray upstreamInput(int index) {
        List<RecordedRequest> requests = bed.fake.turns(FakeUpstream.RESPONSES_PATH);
        return requests.get(index).json().getAsJsonObject().getAsJsonArray("input");
    }

    @Test
    void a_turn_is_answered_frame_by_frame_and_logged_as_websocket() throws Exception {
        try (ResponsesSocket socket = open()) {
            List<JsonObject> frames = socket.turn(frame(null, items(message("user", "hello socket")), true));

            assertThat(frames).extracting(ResponsesWebSocketTest::type).startsWith("response.created")
                    .endsWith("response.completed").contains("response.output_item.done");
            assertThat(text(frames)).isEqualTo("echo: hello socket");
        }
        JsonObject upstream = bed.fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().json()
                .getAsJsonObject();
        assertThat(upstream.get("stream").getAsBoolean()).isTrue();
        assertThat(upstream.get("store").getAsBoolean()).isFalse();
        assertThat(upstream.has("type")).isFalse();
        assertThat(upstream.get("prompt_cache_key") == null
                || !upstream.get("prompt_cache_key").getAsString().isEmpty()).isTrue();
        Await.until("row recorded", () -> bed.recorder.records.size() == 1);
        RequestRecorder.RequestRecord row = bed.recorder.records.get(0);
        assertThat(row.transport()).isEqualTo("websocket");
        assertThat(row.status()).isEqualTo(200);
        assertThat(row.path()).isEqualTo("/v1/responses");
        assertThat(row.finalAccountId()).isEqualTo(first.accountId());
        assertThat(row.outputTokens()).isNotNull();
    }

    @Test
    void warm_up_then_incremental_turns_send_the_whole_conversation_upstream() throws Exception {
        JsonObject developer = message("developer", "be brief");
        JsonObject user1 = message("user", "first question");
        JsonObject user2 = message("user", "second question");
        try (ResponsesSocket socket = open()) {
            List<JsonObject> warm = socket.turn(frame(null, items(developer), false));
            assertThat(warm).extracting(ResponsesWebSocketTest::type)
                    .containsExactly("response.created", "response.completed");
            assertThat(bed.fake.requests(FakeUpstream.RESPONSES_PATH)).isEmpty();

            List<JsonObject> turn1 = socket.turn(frame(responseId(warm), items(user1), true));
            List<JsonObject> turn2 = socket.turn(frame(responseId(turn1), items(user2), true));

            assertThat(text(turn1)).isEqualTo("echo: first question");
            assertThat(text(turn2)).isEqualTo("echo: second question");
        }
        JsonArray firstInput = upstreamInput(0);
        assertThat(firstInput).hasSize(2);
        assertThat(firstInput.get(0).getAsJsonObject().get("role").getAsString()).isEqualTo("developer");
        JsonArray secondInput = upstreamInput(1);
        assertThat(secondInput.toString()).contains("be brief", "first question", "echo: first question",
                "second question");
        assertThat(secondInput.get(secondInput.size() - 1).toString()).contains("second question");
        assertThat(bed.fake.turns(FakeUpstream.RESPONSES_PATH).get(1).json().getAsJsonObject()
                .has("previous_response_id")).isFalse();
        Await.until("two rows, none for the warm-up", () -> bed.recorder.records.size() == 2);
    }

    /**
     * Issue 16 audit: a socket whose turns name no conversation (no {@code prompt_cache_key}, no session header)
     * got no affinity, so balanced routing moved its turns from account to account and lost the prompt cache.
     */
    @Test
    void turns_of_a_socket_that_names_no_conversation_stay_on_one_account() throws Exception {
        bed.close();
        startBed(Map.of("CODEXMANAGER_ROUTE_STRATEGY", "balanced"));
        Map<String, String> noSession = Map.of("Authorization", "Bearer " + TestKeys.KEY, "OpenAI-Beta",
                ResponsesSocket.BETA);

        try (ResponsesSocket socket = ResponsesSocket.open(bed.baseUrl(), noSession)) {
            for (int turn = 1; turn <= 4; turn++) {
                assertThat(text(socket.turn(frame(null, items(message("user", "turn " + turn)), true))))
                        .isEqualTo("echo: turn " + turn);
            }
        }

        Await.until("four rows", () -> bed.recorder.records.size() == 4);
        assertThat(bed.recorder.records).extracting(RequestRecorder.RequestRecord::finalAccountId)
                .containsOnly(bed.recorder.records.get(0).finalAccountId());
    }

    @Test
    void an_unknown_previous_response_is_an_error_frame_and_the_socket_stays_usable() throws Exception {
        try (ResponsesSocket socket = open()) {
            List<JsonObject> refused = socket.turn(frame("resp_from_elsewhere", items(message("user", "x")), true));

            JsonObject error = refused.get(0);
            assertThat(type(error)).isEqualTo("error");
            assertThat(error.get("status").getAsInt()).isEqualTo(400);
            assertThat(error.getAsJsonObject("error").get("code").getAsString())
                    .isEqualTo("previous_response_not_found");
            assertThat(text(socket.turn(frame(null, items(message("user", "again")), true))))
                    .isEqualTo("echo: again");
        }
    }

    @Test
    void a_failure_before_output_fails_over_and_the_client_sees_one_clean_answer() throws Exception {
        first.enqueue(Scenario.ERROR_BEFORE_OUTPUT);

        try (ResponsesSocket socket = open()) {
            List<JsonObject> frames = socket.turn(frame(null, items(message("user", "failover")), true));

            assertThat(frames).extracting(ResponsesWebSocketTest::type).filteredOn("response.created"::equals)
                    .hasSize(1);
            assertThat(type(frames.get(frames.size() - 1))).isEqualTo("response.completed");
        }
        Await.until("row", () -> bed.recorder.records.size() == 1);
        assertThat(bed.recorder.records.get(0).attemptedAccountIds())
                .containsExactly(first.accountId(), second.accountId());
    }

    @Test
    void when_every_account_is_spent_the_error_frame_carries_429_and_retry_after() throws Exception {
        first.enqueue(Scenario.USAGE_LIMIT);
        second.enqueue(Scenario.USAGE_LIMIT);

        try (ResponsesSocket socket = open()) {
            JsonObject error = socket.turn(frame(null, items(message("user", "x")), true)).get(0);

            assertThat(type(error)).isEqualTo("error");
            assertThat(error.get("status").getAsInt()).isEqualTo(429);
            assertThat(error.getAsJsonObject("error").get("code").getAsString()).isEqualTo("usage_limit_reached");
            assertThat(error.getAsJsonObject("headers").has("retry-after")).isTrue();
            assertThat(error.getAsJsonObject("headers").get("x-codex-primary-used-percent").getAsString())
                    .as("Codex reads the rate limits of a 429 frame from its headers").isEqualTo("100");
        }
    }

    @Test
    void a_silent_first_account_is_cut_by_the_first_byte_watchdog_and_the_turn_fails_over() throws Exception {
        restartWithFirstByteTimeout();
        first.enqueue(Scenario.SLOW_FIRST_BYTE);

        try (ResponsesSocket socket = open()) {
            List<JsonObject> frames = socket.turn(frame(null, items(message("user", "slow")), true));

            assertThat(text(frames)).isEqualTo("echo: slow");
        }
        Await.until("row", () -> bed.recorder.records.size() == 1);
        assertThat(bed.recorder.records.get(0).attemptedAccountIds())
                .containsExactly(first.accountId(), second.accountId());
    }

    @Test
    void when_every_account_is_silent_the_watchdog_ends_the_turn_with_an_error_frame() throws Exception {
        restartWithFirstByteTimeout();
        first.enqueue(Scenario.SLOW_FIRST_BYTE);
        second.enqueue(Scenario.SLOW_FIRST_BYTE);

        try (ResponsesSocket socket = open()) {
            JsonObject error = socket.turn(frame(null, items(message("user", "slow")), true)).get(0);

            assertThat(type(error)).isEqualTo("error");
            assertThat(error.get("status").getAsInt()).isEqualTo(502);
            assertThat(error.getAsJsonObject("error").get("code").getAsString()).isEqualTo("network_error");
            assertThat(error.getAsJsonObject("error").get("message").getAsString()).contains("no answer");
        }
    }

    /** A first-byte timeout of one second, and stalls far longer than that. */
    private void restartWithFirstByteTimeout() {
        bed.close();
        startBed(Map.of("CODEXMANAGER_UPSTREAM_FIRST_BYTE_TIMEOUT_SECS", "1"), FakeUpstreamOptions.builder()
                .strictModels(false).stallDuration(Duration.ofSeconds(30)).build());
    }

    @Test
    void a_stream_cut_after_output_ends_with_response_failed() throws Exception {
        first.enqueue(Scenario.DROP_MID_STREAM);

        try (ResponsesSocket socket = open()) {
            List<JsonObject> frames = socket.turn(frame(null, items(message("user", "cut")), true));

            JsonObject last = frames.get(frames.size() - 1);
            assertThat(type(last)).isEqualTo("response.failed");
            assertThat(last.getAsJsonObject("response").getAsJsonObject("error").get("code").getAsString())
                    .isEqualTo("upstream_stream_closed");
            List<JsonObject> next = socket.turn(frame(responseId(frames.subList(0, 1)), items(), true));
            assertThat(next.get(0).getAsJsonObject("error").get("code").getAsString())
                    .as("a failed turn is not remembered").isEqualTo("previous_response_not_found");
        }
    }

    @Test
    void the_upgrade_needs_a_valid_key_and_answers_json() throws Exception {
        ResponsesSocket.Refusal missing = ResponsesSocket.refusal(bed.port(), Map.of("OpenAI-Beta",
                ResponsesSocket.BETA));
        ResponsesSocket.Refusal unknown = ResponsesSocket.refusal(bed.port(), Map.of("Authorization",
                "Bearer cmk_nope"));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.contentType()).startsWith("application/json");
        assertThat(Json.object(missing.body()).getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("missing_api_key");
        assertThat(unknown.status()).isEqualTo(401);
        assertThatThrownBy(() -> ResponsesSocket.open(bed.baseUrl(), Map.of("Authorization", "Bearer cmk_nope")))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void the_upgrade_may_carry_the_key_in_the_api_key_header() throws Exception {
        Map<String, String> headers = Map.of("api-key", TestKeys.KEY, "OpenAI-Beta", ResponsesSocket.BETA);

        try (ResponsesSocket socket = ResponsesSocket.open(bed.baseUrl(), headers)) {
            assertThat(text(socket.turn(frame(null, items(message("user", "by api-key")), true))))
                    .isEqualTo("echo: by api-key");
        }
    }

    @Test
    void an_azure_key_is_sent_back_to_http_with_426() throws Exception {
        bed.keys.add("cmk_azure_key_ws_0000000", new PlatformKey("key-az", "cmk_azure", "azure_openai", null, null,
                List.of(), null, new PlatformKey.Azure("http://127.0.0.1:9", () -> "secret")));

        ResponsesSocket.Refusal refusal = ResponsesSocket.refusal(bed.port(), Map.of("api-key",
                "cmk_azure_key_ws_0000000"));

        assertThat(refusal.status()).isEqualTo(426);
        assertThat(refusal.body()).contains("websocket_not_served_for_azure_keys");
    }

    @Test
    void turned_off_the_upgrade_is_426_json_and_http_still_serves() throws Exception {
        bed.close();
        startBed(Map.of("CODEXMANAGER_WEBSOCKET_ENABLED", "false"));

        ResponsesSocket.Refusal refusal = ResponsesSocket.refusal(bed.port(), Map.of("Authorization",
                "Bearer " + TestKeys.KEY, "OpenAI-Beta", ResponsesSocket.BETA));

        assertThat(refusal.status()).isEqualTo(426);
        assertThat(refusal.contentType()).startsWith("application/json");
        assertThat(Json.object(refusal.body()).getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("websocket_disabled");
        assertThat(bed.module.metrics().snapshot().upgradesRefusedByCode()).containsEntry("websocket_disabled", 1L);
        assertThat(bed.post("/v1/responses", "{\"model\":\"gpt-5.5\",\"input\":\"http\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void turning_websockets_off_closes_open_sockets_so_codex_reconnects_and_falls_back() throws Exception {
        try (ResponsesSocket idle = open(); ResponsesSocket late = open()) {
            idle.turn(frame(null, items(message("user", "before")), true));

            bed.context.settings().update(Json.object("{\"websocketEnabled\":\"false\"}"));

            assertThat(idle.awaitClose(WAIT)).isEqualTo(1000);
            assertThat(idle.closeReason()).isEqualTo("websockets turned off");
            assertThat(late.awaitClose(WAIT)).isEqualTo(1000);
        }
        assertThat(ResponsesSocket.refusal(bed.port(), Map.of("Authorization", "Bearer " + TestKeys.KEY)).status())
                .isEqualTo(426);
    }

    @Test
    void after_its_lifetime_a_turn_gets_the_upstream_limit_error_and_the_socket_closes() throws Exception {
        try (ResponsesSocket socket = open()) {
            // the server registers the socket just after the client's handshake returns: its clock starts then
            Await.until("the socket is registered", () -> bed.module.openSockets() == 1);
            clock.advance(Duration.ofMinutes(61));

            List<JsonObject> frames = socket.turn(frame(null, items(message("user", "late")), true));

            assertThat(frames.get(0).get("status").getAsInt()).isEqualTo(400);
            assertThat(frames.get(0).getAsJsonObject("error").get("code").getAsString())
                    .isEqualTo("websocket_connection_limit_reached");
            assertThat(socket.awaitClose(WAIT)).isEqualTo(1000);
            assertThat(socket.closeReason()).isEqualTo("websocket_connection_limit_reached");
        }
        assertThat(bed.fake.requests(FakeUpstream.RESPONSES_PATH)).isEmpty();
    }

    @Test
    void an_idle_socket_is_closed_by_the_sweeper() throws Exception {
        try (ResponsesSocket socket = open()) {
            socket.turn(frame(null, items(message("user", "one")), true));
            clock.advance(Duration.ofMinutes(16));

            assertThat(socket.awaitClose(WAIT)).isEqualTo(1000);
            assertThat(socket.closeReason()).isEqualTo("idle timeout");
        }
        Await.until("forgotten", () -> bed.module.openSockets() == 0);
    }

    @Test
    void a_frame_that_is_not_response_create_is_a_400_error_frame() throws Exception {
        try (ResponsesSocket socket = open()) {
            List<JsonObject> frames = socket.turn("{\"type\":\"response.cancel\"}");

            assertThat(frames.get(0).get("status").getAsInt()).isEqualTo(400);
            assertThat(frames.get(0).getAsJsonObject("error").get("code").getAsString())
                    .isEqualTo("unsupported_event_type");
            assertThat(socket.turn("not json").get(0).getAsJsonObject("error").get("code").getAsString())
                    .isEqualTo("invalid_json");
        }
    }

    @Test
    void a_disabled_key_is_refused_per_turn_even_on_an_open_socket() throws Exception {
        Map<String, String> headers = new HashMap<>(ResponsesSocket.codexHeaders("cmk_later_off_000000000",
                session));
        bed.keys.add("cmk_later_off_000000000", new PlatformKey("key-off", "cmk_later", "openai", null, null,
                List.of(), null));
        try (ResponsesSocket socket = ResponsesSocket.open(bed.baseUrl(), headers)) {
            bed.keys.reject("cmk_later_off_000000000", 403, "key_disabled");

            JsonObject error = socket.turn(frame(null, items(message("user", "x")), true)).get(0);

            assertThat(error.get("status").getAsInt()).isEqualTo(403);
            assertThat(error.getAsJsonObject("error").get("code").getAsString()).isEqualTo("key_disabled");
        }
    }

    /**
     * A key's requests-per-minute limit holds on an open socket: with 1 per minute, Codex's warm-up and first turn are
     * served, and the next turn gets an error frame {@code key_limit_exceeded} with Retry-After, before any upstream
     * call.
     */
    @Test
    void a_key_at_one_request_per_minute_gets_key_limit_exceeded_on_its_second_turn() throws Exception {
        String limited = "cmk_one_per_minute_00000";
        bed.keys.add(limited, new PlatformKey("key-rpm", "cmk_one_p", "openai", null, null, List.of(), null, null,
                new PlatformKey.Limits(1, null)));
        try (ResponsesSocket socket = ResponsesSocket.open(bed.baseUrl(),
                ResponsesSocket.codexHeaders(limited, session))) {
            List<JsonObject> warm = socket.turn(frame(null, items(message("developer", "be brief")), false));
            List<JsonObject> turn1 = socket.turn(frame(responseId(warm), items(message("user", "one")), true));
            JsonObject error = socket.turn(frame(responseId(turn1), items(message("user", "two")), true)).get(0);

            assertThat(text(turn1)).isEqualTo("echo: one");
            assertThat(type(error)).isEqualTo("error");
            assertThat(error.get("status").getAsInt()).isEqualTo(429);
            assertThat(error.getAsJsonObject("error").get("code").getAsString()).isEqualTo("key_limit_exceeded");
            assertThat(error.getAsJsonObject("headers").has("retry-after")).isTrue();
        }
        assertThat(bed.fake.turns(FakeUpstream.RESPONSES_PATH)).hasSize(1);
    }
}
