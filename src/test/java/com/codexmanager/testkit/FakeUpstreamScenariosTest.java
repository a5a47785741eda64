package com.codexmanager.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every {@link Scenario}, triggered by its magic word, keeps the protocol's invariants. */
class FakeUpstreamScenariosTest {
    private static final Map<Scenario, Integer> HTTP_STATUS = Map.of(
            Scenario.USAGE_LIMIT, 429, Scenario.RATE_LIMITED, 429, Scenario.OVERLOADED, 503,
            Scenario.INTERNAL_SERVER_ERROR, 500, Scenario.BAD_GATEWAY, 502, Scenario.GATEWAY_TIMEOUT, 504,
            Scenario.CLOUDFLARE_BLOCK, 403, Scenario.CLOUDFLARE_CHALLENGE, 403, Scenario.UNAUTHORIZED, 401,
            Scenario.TOKEN_EXPIRED, 401);

    private FakeUpstream fake;
    private UpstreamCalls calls;
    private FakeAccount account;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().clock(TestClock.create())
                .stallDuration(Duration.ofMillis(50)).dripInterval(Duration.ofMillis(2)).build());
        calls = new UpstreamCalls(fake);
        account = fake.createAccount();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"DROP_MID_STREAM", "DROP_BEFORE_RESPONSE"},
            mode = EnumSource.Mode.EXCLUDE)
    void scenario_keeps_the_protocol_invariants(Scenario scenario) throws Exception {
        JsonObject body = UpstreamCalls.body("check " + scenario.marker());
        body.add("reasoning", Json.obj("effort", "low", "summary", "auto"));

        HttpResponse<String> response = calls.responses(account, body);

        if (!scenario.streams()) {
            assertThat(response.statusCode()).isEqualTo(HTTP_STATUS.get(scenario));
            return;
        }
        assertThat(response.statusCode()).isEqualTo(200);
        List<SseEvent> events = SseEvent.parse(response.body());
        assertThat(events).extracting(event -> event.json().get("sequence_number").getAsInt())
                .containsExactlyElementsOf(IntStream.range(0, events.size()).boxed().toList());
        assertThat(events.get(0).type()).isEqualTo("response.created");
        assertThat(events.get(events.size() - 1).type()).isEqualTo(expectedTerminal(scenario));
        long added = events.stream().filter(event -> event.type().equals("response.output_item.added")).count();
        long done = events.stream().filter(event -> event.type().equals("response.output_item.done")).count();
        assertThat(done).isEqualTo(scenario == Scenario.ERROR_AFTER_OUTPUT ? added - 1 : added);
        if (expectedTerminal(scenario).equals("response.completed")) {
            JsonObject completed = events.get(events.size() - 1).json().getAsJsonObject("response");
            assertThat(completed.getAsJsonObject("usage").keySet()).contains("input_tokens", "output_tokens",
                    "total_tokens", "input_tokens_details", "output_tokens_details");
            assertThat(completed.getAsJsonArray("output"))
                    .hasSize(scenario == Scenario.EMPTY_COMPLETED_OUTPUT ? 0 : (int) done);
        }
    }

    @Test
    void drop_before_response_closes_the_socket_without_a_status_line() {
        account.enqueue(Scenario.DROP_BEFORE_RESPONSE);

        assertThatThrownBy(() -> calls.responses(account, UpstreamCalls.body("x"))).isInstanceOf(IOException.class);
    }

    @Test
    void fake_wide_script_applies_to_any_account_after_the_account_script() throws Exception {
        FakeAccount other = fake.createAccount();
        fake.enqueue(Scenario.OVERLOADED);
        other.enqueue(Scenario.RATE_LIMITED);

        int otherFirst = calls.responses(other, UpstreamCalls.body("a")).statusCode();
        int otherSecond = calls.responses(other, UpstreamCalls.body("b")).statusCode();
        int accountFirst = calls.responses(account, UpstreamCalls.body("c")).statusCode();

        assertThat(List.of(otherFirst, otherSecond, accountFirst)).containsExactly(429, 503, 200);
    }

    @Test
    void rejected_access_tokens_stay_rejected_after_a_successful_refresh() throws Exception {
        account.rejectAccessTokens(true);

        int before = calls.responses(account, UpstreamCalls.body("a")).statusCode();
        HttpResponse<String> refresh = calls.postJson(FakeUpstream.TOKEN_PATH, Json.write(Json.obj(
                "client_id", OAuthConstants.CLIENT_ID, "grant_type", "refresh_token",
                "refresh_token", account.refreshToken())));
        int after = calls.responses(account, UpstreamCalls.body("b")).statusCode();

        assertThat(refresh.statusCode()).isEqualTo(200);
        assertThat(List.of(before, after)).containsExactly(401, 401);
    }

    @Test
    void standing_scenario_answers_every_call_until_cleared() throws Exception {
        account.respondAlwaysWith(Scenario.INTERNAL_SERVER_ERROR);

        int first = calls.responses(account, UpstreamCalls.body("a")).statusCode();
        int second = calls.responses(account, UpstreamCalls.body("b")).statusCode();
        account.clearScenarios();
        int third = calls.responses(account, UpstreamCalls.body("c")).statusCode();

        assertThat(List.of(first, second, third)).containsExactly(500, 500, 200);
    }

    @Test
    void custom_tool_call_streams_its_input_as_deltas() throws Exception {
        account.enqueue(Scenario.CUSTOM_TOOL_CALL);

        List<SseEvent> events = SseEvent.parse(calls.responses(account, UpstreamCalls.body("patch")).body());

        String streamed = events.stream().filter(event -> event.type().equals("response.custom_tool_call_input.delta"))
                .map(event -> event.json().get("delta").getAsString()).reduce("", String::concat);
        JsonObject item = events.stream().filter(event -> event.type().equals("response.output_item.done"))
                .findFirst().orElseThrow().json().getAsJsonObject("item");
        assertThat(item.get("type").getAsString()).isEqualTo("custom_tool_call");
        assertThat(item.get("name").getAsString()).isEqualTo("apply_patch");
        assertThat(item.get("input").getAsString()).isEqualTo(streamed).startsWith("*** Begin Patch");
    }

    @Test
    void closing_the_fake_stops_every_server_thread() throws Exception {
        calls.responses(account, UpstreamCalls.body("warm up"));

        fake.close();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (serverThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(serverThreads()).isZero();
    }

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("fake-upstream")).count();
    }

    private static String expectedTerminal(Scenario scenario) {
        String name = scenario.name();
        if (name.startsWith("INCOMPLETE_")) {
            return "response.incomplete";
        } else if (name.startsWith("FAILED_")) {
            return "response.failed";
        } else if (name.startsWith("ERROR_") || scenario == Scenario.MODEL_AT_CAPACITY) {
            return "error";
        }
        return "response.completed";
    }
}
