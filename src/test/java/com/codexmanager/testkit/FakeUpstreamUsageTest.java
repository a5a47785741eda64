package com.codexmanager.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /wham/usage}, {@code /models}, compaction and request recording. */
class FakeUpstreamUsageTest {
    private final TestClock clock = TestClock.create();
    private FakeUpstream fake;
    private UpstreamCalls calls;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().clock(clock).build());
        calls = new UpstreamCalls(fake);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void usage_reports_the_same_numbers_as_the_response_headers() throws Exception {
        FakeAccount account = fake.createAccount(AccountSpec.builder().primaryUsedPercent(40)
                .secondaryUsedPercent(64).build());
        HttpResponse<String> response = calls.responses(account, UpstreamCalls.body("hi"));

        JsonObject usage = usage(account);

        JsonObject primary = usage.getAsJsonObject("rate_limit").getAsJsonObject("primary_window");
        JsonObject secondary = usage.getAsJsonObject("rate_limit").getAsJsonObject("secondary_window");
        assertThat(primary.get("used_percent").toString())
                .isEqualTo(response.headers().firstValue("x-codex-primary-used-percent").orElseThrow());
        assertThat(primary.get("reset_at").toString())
                .isEqualTo(response.headers().firstValue("x-codex-primary-reset-at").orElseThrow());
        assertThat(primary.get("limit_window_seconds").getAsLong()).isEqualTo(18_000);
        assertThat(secondary.get("used_percent").toString())
                .isEqualTo(response.headers().firstValue("x-codex-secondary-used-percent").orElseThrow());
        assertThat(secondary.get("limit_window_seconds").getAsLong()).isEqualTo(604_800);
        assertThat(usage.get("plan_type").getAsString()).isEqualTo("plus");
        assertThat(usage.get("email").getAsString()).isEqualTo(account.email());
        assertThat(usage.getAsJsonObject("credits").get("balance").getAsString()).isEqualTo("0");
        assertThat(usage.getAsJsonObject("rate_limit").get("limit_reached").getAsBoolean()).isFalse();
    }

    @Test
    void free_plan_has_a_weekly_only_primary_window_and_shows_the_limit() throws Exception {
        FakeAccount account = fake.createAccount(AccountSpec.builder().planType("free").build()).exhaust();

        JsonObject rateLimit = usage(account).getAsJsonObject("rate_limit");
        HttpResponse<String> limited = calls.responses(account, UpstreamCalls.body("hi"));

        assertThat(rateLimit.getAsJsonObject("primary_window").get("limit_window_seconds").getAsLong())
                .isEqualTo(604_800);
        assertThat(rateLimit.get("secondary_window").isJsonNull()).isTrue();
        assertThat(rateLimit.get("limit_reached").getAsBoolean()).isTrue();
        assertThat(rateLimit.get("allowed").getAsBoolean()).isFalse();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("x-codex-primary-window-minutes")).hasValue("10080");
        assertThat(limited.headers().firstValue("x-codex-secondary-window-minutes")).hasValue("0");
        assertThat(limited.body()).contains("\"plan_type\":\"free\"");
    }

    @Test
    void usage_variants_for_no_rate_limit_and_additional_limits() throws Exception {
        FakeAccount none = fake.createAccount(AccountSpec.builder().usageShape(UsageShape.NONE).build());
        FakeAccount extra = fake.createAccount(AccountSpec.builder().additionalRateLimits(true).build());

        JsonElement noneLimit = usage(none).get("rate_limit");
        JsonArray additional = usage(extra).getAsJsonArray("additional_rate_limits");

        assertThat(noneLimit.isJsonNull()).isTrue();
        assertThat(additional).hasSize(1);
        assertThat(additional.get(0).getAsJsonObject().get("metered_feature").getAsString()).isEqualTo("codex_other");
    }

    @Test
    void usage_never_refreshes_and_answers_token_expired_after_exp() throws Exception {
        FakeAccount account = fake.createAccount();
        clock.advance(Duration.ofHours(1));

        HttpResponse<String> response = calls.get(FakeUpstream.USAGE_PATH, UpstreamCalls.authHeaders(account));
        HttpResponse<String> codexApiPath = calls.get(FakeUpstream.CODEX_API_USAGE_PATH,
                UpstreamCalls.authHeaders(account));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("token_expired");
        assertThat(codexApiPath.statusCode()).isEqualTo(401);
    }

    @Test
    void models_carry_an_etag_and_filter_by_client_version_and_plan() throws Exception {
        FakeAccount plus = fake.createAccount();
        FakeAccount free = fake.createAccount(AccountSpec.builder().planType("free").build());

        HttpResponse<String> recent = calls.get(FakeUpstream.MODELS_PATH + "?client_version=0.150.0",
                UpstreamCalls.authHeaders(plus));
        HttpResponse<String> old = calls.get(FakeUpstream.MODELS_PATH + "?client_version=0.120.0",
                UpstreamCalls.authHeaders(plus));
        HttpResponse<String> forFree = calls.get(FakeUpstream.MODELS_PATH + "?client_version=0.150.0",
                UpstreamCalls.authHeaders(free));
        String previous = fake.modelsEtag();
        String changed = fake.changeModelsCatalog();

        assertThat(recent.headers().firstValue("ETag")).hasValue(previous);
        assertThat(slugs(recent)).contains("gpt-5.6-sol", "gpt-5.5", "gpt-5.4-mini", "codex-auto-review");
        assertThat(slugs(old)).doesNotContain("gpt-5.6-sol", "gpt-5.5").contains("gpt-5.4");
        assertThat(slugs(forFree)).contains("gpt-5.5").doesNotContain("gpt-5.6-sol");
        assertThat(changed).isNotEqualTo(previous);
        assertThat(calls.responses(plus, UpstreamCalls.body("hi")).headers().firstValue("x-models-etag"))
                .hasValue(changed);
    }

    @Test
    void compact_returns_unary_output_items() throws Exception {
        FakeAccount account = fake.createAccount();

        HttpResponse<String> response = calls.postJson(FakeUpstream.COMPACT_PATH,
                Json.write(UpstreamCalls.body("keep me")), UpstreamCalls.authHeaders(account));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray output = Json.parseObject(response.body()).getAsJsonArray("output");
        assertThat(output.get(output.size() - 1).getAsJsonObject().get("type").getAsString()).isEqualTo("compaction");
    }

    @Test
    void websocket_upgrade_gets_upgrade_required() throws Exception {
        FakeAccount account = fake.createAccount();
        String request = "GET " + FakeUpstream.RESPONSES_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOpenAI-Beta: responses_websockets=2026-02-06\r\n"
                + "Authorization: Bearer " + account.accessToken() + "\r\n\r\n";

        String statusLine;
        try (Socket socket = new Socket("127.0.0.1", fake.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }

        assertThat(statusLine).startsWith("HTTP/1.1 426");
        assertThat(fake.requests(FakeUpstream.RESPONSES_PATH)).hasSize(1);
    }

    @Test
    void every_request_is_recorded_with_headers_body_and_account() throws Exception {
        FakeAccount account = fake.createAccount();

        calls.postJson(FakeUpstream.RESPONSES_PATH, Json.write(UpstreamCalls.body("hi")), "Authorization",
                "Bearer " + account.accessToken(), "ChatGPT-Account-ID", account.accountId(),
                "session_id", "0199c1f2-7a3b-7c4d-9e8f-0123456789ab", "originator", "codex_cli_rs");

        RecordedRequest recorded = fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow();
        assertThat(recorded.account()).hasValue(account.accountId());
        assertThat(recorded.header("SESSION_ID")).hasValue("0199c1f2-7a3b-7c4d-9e8f-0123456789ab");
        assertThat(recorded.json().get("store").getAsBoolean()).isFalse();
        assertThat(recorded.toString()).doesNotContain(account.accessToken());
    }

    @Test
    void unknown_magic_word_is_a_clear_400() throws Exception {
        HttpResponse<String> response = calls.responses(fake.createAccount(),
                UpstreamCalls.body("[[scenario:no_such_thing]]"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Unknown fake scenario: no_such_thing");
    }

    private JsonObject usage(FakeAccount account) throws Exception {
        HttpResponse<String> response = calls.get(FakeUpstream.USAGE_PATH, UpstreamCalls.authHeaders(account));
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.parseObject(response.body());
    }

    private static List<String> slugs(HttpResponse<String> response) {
        JsonArray models = Json.parseObject(response.body()).getAsJsonArray("models");
        return models.asList().stream().map(model -> model.getAsJsonObject().get("slug").getAsString()).toList();
    }
}
