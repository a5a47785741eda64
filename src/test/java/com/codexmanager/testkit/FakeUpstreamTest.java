package com.codexmanager.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fake's {@code /responses} endpoint over real HTTP: event order, validation, auth and faults. */
class FakeUpstreamTest {
    private final TestClock clock = TestClock.create();
    private FakeUpstream fake;
    private UpstreamCalls calls;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().clock(clock).stallDuration(Duration.ofSeconds(30))
                .build());
        calls = new UpstreamCalls(fake);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void text_answer_streams_the_documented_event_sequence() throws Exception {
        FakeAccount account = fake.createAccount();
        JsonObject body = UpstreamCalls.body("hello there");
        body.add("reasoning", Json.obj("effort", "medium", "summary", "auto"));

        HttpResponse<String> response = calls.responses(account, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<SseEvent> events = SseEvent.parse(response.body());
        assertThat(events).extracting(SseEvent::type).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
                "response.output_item.done", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed");
        assertThat(events).allSatisfy(event -> assertThat(event.event()).isEqualTo(event.type()));
        assertThat(events).extracting(event -> event.json().get("sequence_number").getAsInt())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        assertThat(response.body()).doesNotContain("[DONE]");
        JsonObject completed = events.get(events.size() - 1).json().getAsJsonObject("response");
        assertThat(completed.get("id").getAsString()).startsWith("resp_");
        JsonObject usage = completed.getAsJsonObject("usage");
        assertThat(usage.get("total_tokens").getAsInt())
                .isEqualTo(usage.get("input_tokens").getAsInt() + usage.get("output_tokens").getAsInt());
        assertThat(usage.getAsJsonObject("output_tokens_details").get("reasoning_tokens").getAsInt()).isEqualTo(16);
        assertThat(completed.getAsJsonArray("output").get(1).getAsJsonObject().getAsJsonArray("content").get(0)
                .getAsJsonObject().get("text").getAsString()).isEqualTo("echo: hello there");
    }

    @Test
    void success_headers_carry_rate_limits_and_the_models_etag() throws Exception {
        FakeAccount account = fake.createAccount(AccountSpec.builder().primaryUsedPercent(10)
                .primaryIncrementPercent(2.5).build());

        HttpResponse<String> response = calls.responses(account, UpstreamCalls.body("hi"));

        assertThat(response.headers().firstValue("x-codex-primary-used-percent")).hasValue("12.5");
        assertThat(response.headers().firstValue("x-codex-primary-window-minutes")).hasValue("300");
        assertThat(response.headers().firstValue("x-codex-secondary-window-minutes")).hasValue("10080");
        assertThat(response.headers().firstValue("x-codex-primary-reset-at"))
                .hasValue(Long.toString(clock.instant().getEpochSecond() + 18_000));
        assertThat(response.headers().firstValue("x-codex-plan-type")).hasValue("plus");
        assertThat(response.headers().firstValue("x-models-etag")).hasValue(fake.modelsEtag());
        assertThat(response.headers().firstValue("openai-model")).hasValue("gpt-5.5");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        assertThat(account.primaryUsedPercent()).isEqualTo(12.5);
    }

    static Stream<Arguments> invalid_bodies() {
        return Stream.of(
                Arguments.of("stream", Json.value(false), "Stream must be set to true"),
                Arguments.of("store", Json.value(true), "Store must be set to false"),
                Arguments.of("instructions", null, "Instructions are required"),
                Arguments.of("max_output_tokens", Json.value(100), "Unsupported parameter: max_output_tokens"),
                Arguments.of("previous_response_id", Json.value("resp_1"),
                        "Unsupported parameter: previous_response_id"),
                Arguments.of("temperature", Json.value(0.2), "Unsupported parameter: temperature"),
                Arguments.of("service_tier", Json.value("flex"), "Unsupported parameter: service_tier"));
    }

    @ParameterizedTest
    @MethodSource("invalid_bodies")
    void invalid_body_is_rejected_with_the_backend_detail(String field, com.google.gson.JsonElement value,
            String detail) throws Exception {
        FakeAccount account = fake.createAccount();
        JsonObject body = UpstreamCalls.body("hi");
        body.remove(field);
        if (value != null) {
            body.add(field, value);
        }

        HttpResponse<String> response = calls.responses(account, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parseObject(response.body())).isEqualTo(Json.obj("detail", detail));
    }

    @Test
    void system_role_in_input_is_an_invalid_request_error() throws Exception {
        JsonObject body = UpstreamCalls.body("hi");
        body.getAsJsonArray("input").add(Json.obj("type", "message", "role", "system", "content", "x"));

        HttpResponse<String> response = calls.responses(fake.createAccount(), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parseObject(response.body()).getAsJsonObject("error").get("type").getAsString())
                .isEqualTo("invalid_request_error");
    }

    @Test
    void missing_expired_and_mismatched_credentials_are_refused() throws Exception {
        FakeAccount account = fake.createAccount();
        FakeAccount other = fake.createAccount();
        String body = Json.write(UpstreamCalls.body("hi"));

        HttpResponse<String> noToken = calls.postJson(FakeUpstream.RESPONSES_PATH, body);
        HttpResponse<String> wrongAccount = calls.postJson(FakeUpstream.RESPONSES_PATH, body,
                "Authorization", "Bearer " + account.accessToken(), "ChatGPT-Account-ID", other.accountId());
        clock.advance(Duration.ofHours(2));
        HttpResponse<String> expired = calls.responses(account, UpstreamCalls.body("hi"));

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(Json.parseObject(noToken.body())).isEqualTo(Json.obj("detail", "Unauthorized"));
        assertThat(wrongAccount.statusCode()).isEqualTo(403);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Json.parseObject(expired.body()).getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("token_expired");
        assertThat(expired.headers().firstValue("x-error-json")).isPresent();
        assertThat(fake.responsesCount(account.accountId())).isEqualTo(2);
    }

    @Test
    void magic_word_picks_a_parallel_tool_call_named_after_the_request_tools() throws Exception {
        JsonObject body = UpstreamCalls.body("weather? " + Scenario.PARALLEL_FUNCTION_CALLS.marker());
        body.add("tools", Json.arr(Json.obj("type", "function", "name", "lookup", "parameters", Json.obj())));

        HttpResponse<String> response = calls.responses(fake.createAccount(), body);

        List<JsonObject> calledItems = SseEvent.parse(response.body()).stream()
                .filter(event -> event.type().equals("response.output_item.done"))
                .map(event -> event.json().getAsJsonObject("item")).toList();
        assertThat(calledItems).extracting(item -> item.get("type").getAsString())
                .containsExactly("function_call", "function_call");
        assertThat(calledItems).extracting(item -> item.get("name").getAsString()).containsOnly("lookup");
        assertThat(calledItems.get(0).get("arguments").getAsString()).isEqualTo("{\"city\":\"Oslo\"}");
    }

    @Test
    void scripted_scenarios_are_used_in_order_then_text_resumes() throws Exception {
        FakeAccount account = fake.createAccount();
        account.enqueue(Scenario.FAILED_CONTEXT_LENGTH_EXCEEDED, Scenario.OVERLOADED);

        List<SseEvent> failed = SseEvent.parse(calls.responses(account, UpstreamCalls.body("a")).body());
        HttpResponse<String> overloaded = calls.responses(account, UpstreamCalls.body("b"));
        HttpResponse<String> normal = calls.responses(account, UpstreamCalls.body("c"));

        assertThat(failed.get(failed.size() - 1).json().getAsJsonObject("response").getAsJsonObject("error")
                .get("code").getAsString()).isEqualTo("context_length_exceeded");
        assertThat(overloaded.statusCode()).isEqualTo(503);
        assertThat(overloaded.body()).contains("server_is_overloaded");
        assertThat(SseEvent.parse(normal.body())).last().extracting(SseEvent::type).isEqualTo("response.completed");
    }

    @Test
    void exhausted_quota_answers_usage_limit_reached_with_reset_hints() throws Exception {
        FakeAccount account = fake.createAccount(AccountSpec.builder().primaryUsedPercent(99)
                .primaryIncrementPercent(1).accessTokenTtl(Duration.ofDays(1)).build());

        HttpResponse<String> last = calls.responses(account, UpstreamCalls.body("a"));
        HttpResponse<String> limited = calls.responses(account, UpstreamCalls.body("b"));

        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(limited.statusCode()).isEqualTo(429);
        JsonObject error = Json.parseObject(limited.body()).getAsJsonObject("error");
        long resetAt = clock.instant().getEpochSecond() + 18_000;
        assertThat(error).isEqualTo(Json.obj("type", "usage_limit_reached",
                "message", "The usage limit has been reached", "plan_type", "plus", "resets_at", resetAt,
                "eligible_promo", null, "resets_in_seconds", 18_000L));
        assertThat(limited.headers().firstValue("x-codex-primary-used-percent")).hasValue("100");
        assertThat(limited.headers().firstValue("x-codex-primary-reset-after-seconds")).hasValue("18000");
        assertThat(account.limitReached()).isTrue();
        clock.advance(Duration.ofHours(5));
        assertThat(calls.responses(account, UpstreamCalls.body("c")).statusCode()).isEqualTo(200);
    }

    @Test
    void unauthorized_after_n_calls_forces_a_refresh_that_then_works() throws Exception {
        FakeAccount account = fake.createAccount();
        account.unauthorizedAfter(1);

        int first = calls.responses(account, UpstreamCalls.body("a")).statusCode();
        int second = calls.responses(account, UpstreamCalls.body("b")).statusCode();
        calls.postJson(FakeUpstream.TOKEN_PATH, Json.write(Json.obj("client_id", OAuthConstants.CLIENT_ID,
                "grant_type", "refresh_token", "refresh_token", account.refreshToken())));
        int afterRefresh = calls.responses(account, UpstreamCalls.body("c")).statusCode();

        assertThat(List.of(first, second, afterRefresh)).containsExactly(200, 401, 200);
    }

    @Test
    void cloudflare_block_is_an_html_403_with_a_ray_id() throws Exception {
        FakeAccount account = fake.createAccount().enqueue(Scenario.CLOUDFLARE_BLOCK);

        HttpResponse<String> response = calls.responses(account, UpstreamCalls.body("a"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        assertThat(response.headers().firstValue("cf-ray")).isPresent();
        assertThat(response.body()).contains("Cloudflare", "blocked");
    }

    @Test
    void mid_stream_drop_cuts_the_connection_before_response_completed() throws Exception {
        FakeAccount account = fake.createAccount().enqueue(Scenario.DROP_MID_STREAM);

        String wire = calls.rawResponses(account, UpstreamCalls.body("one two three"));

        assertThat(wire).startsWith("HTTP/1.1 200").contains("response.output_text.delta")
                .doesNotContain("response.completed");
        assertThat(wire).as("no final zero-length chunk").doesNotEndWith("\r\n0\r\n\r\n");
    }

    @Test
    void client_hang_up_during_a_stall_is_recorded_as_a_disconnect() throws Exception {
        FakeAccount account = fake.createAccount().enqueue(Scenario.STALL_AFTER_HEADERS);
        HttpResponse<InputStream> response = calls.responsesStream(account, UpstreamCalls.body("x"));
        assertThat(fake.openStreams()).isEqualTo(1);

        response.body().close();

        assertThat(fake.awaitDisconnects(1, Duration.ofSeconds(5))).isTrue();
        assertThat(fake.awaitOpenStreams(0, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void closing_the_fake_ends_a_stall_at_once() throws Exception {
        FakeAccount account = fake.createAccount().enqueue(Scenario.STALL_MID_STREAM);
        HttpResponse<InputStream> response = calls.responsesStream(account, UpstreamCalls.body("x y"));
        long started = System.nanoTime();

        fake.close();

        assertThatThrownBy(() -> readAll(response.body(), new StringBuilder())).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    private static void readAll(InputStream in, StringBuilder received) throws IOException {
        try (in) {
            byte[] buffer = new byte[1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        }
    }
}
