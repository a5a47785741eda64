package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.routing.PoolAccount;
import com.codexmanager.json.Json;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.Scenario;
import com.google.gson.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Faults before any output move the request to the next account; the client never notices. */
class FailoverTest {
    private static final String BODY = "{\"model\":\"gpt-5.5\",\"input\":\"hello\"}";

    GatewayTestBed bed;
    FakeAccount first;
    FakeAccount second;

    @BeforeEach
    void start() {
        bed = new GatewayTestBed(Map.of());
        first = bed.fake.createAccount();
        second = bed.fake.createAccount();
        bed.pool.add(first, 1).add(second, 2);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private String answerText(HttpResponse<String> response) {
        JsonObject body = Json.object(response.body());
        return body.getAsJsonArray("output").asList().stream()
                .filter(o -> o.getAsJsonObject().get("type").getAsString().equals("message"))
                .flatMap(o -> o.getAsJsonObject().getAsJsonArray("content").asList().stream())
                .map(c -> c.getAsJsonObject().get("text").getAsString()).reduce("", String::concat);
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"USAGE_LIMIT", "RATE_LIMITED", "OVERLOADED",
            "INTERNAL_SERVER_ERROR", "BAD_GATEWAY", "GATEWAY_TIMEOUT", "CLOUDFLARE_BLOCK", "CLOUDFLARE_CHALLENGE",
            "ERROR_BEFORE_OUTPUT", "FAILED_SERVER_IS_OVERLOADED", "FAILED_RATE_LIMIT_EXCEEDED", "MODEL_AT_CAPACITY",
            "FAILED_INSUFFICIENT_QUOTA", "DROP_BEFORE_RESPONSE", "FAILED_SERVER_ERROR"})
    void a_fault_before_output_fails_over_to_the_next_account(Scenario fault) throws Exception {
        first.enqueue(fault);

        HttpResponse<String> response = bed.post("/v1/responses", BODY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(answerText(response)).isEqualTo("echo: hello");
        assertThat(bed.fake.responsesCount(second.accountId())).isEqualTo(1);
        assertThat(bed.recorder.records).last().satisfies(r -> {
            assertThat(r.attemptedAccountIds()).containsExactly(first.accountId(), second.accountId());
            assertThat(r.finalAccountId()).isEqualTo(second.accountId());
        });
        assertThat(bed.module.cooldowns().until(first.accountId())).isPresent();
    }

    @Test
    void usage_limit_marks_the_account_limited_until_the_reset() throws Exception {
        first.enqueue(Scenario.USAGE_LIMIT);

        bed.post("/v1/responses", BODY);

        PoolAccount limited = bed.pool.account(first.accountId());
        assertThat(limited.status()).isEqualTo(PoolAccount.Status.LIMITED);
        assertThat(limited.exhaustedUntil()).isAfter(java.time.Instant.now().plusSeconds(60));
    }

    @Test
    void burst_429_benches_for_seconds_not_hours() throws Exception {
        first.enqueue(Scenario.RATE_LIMITED);

        bed.post("/v1/responses", BODY);

        assertThat(bed.module.cooldowns().until(first.accountId())).hasValueSatisfying(until ->
                assertThat(until).isBefore(java.time.Instant.now().plusSeconds(130)));
        assertThat(bed.pool.account(first.accountId()).status()).isEqualTo(PoolAccount.Status.ACTIVE);
    }

    @Test
    void a_401_refreshes_once_and_retries_the_same_account() throws Exception {
        first.unauthorizedAfter(0);

        HttpResponse<String> response = bed.post("/v1/responses", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(bed.pool.refreshes.get()).isEqualTo(1);
        assertThat(bed.recorder.records).last().satisfies(r ->
                assertThat(r.finalAccountId()).isEqualTo(first.accountId()));
    }

    @Test
    void a_401_that_survives_the_refresh_moves_on() throws Exception {
        first.rejectAccessTokens(true);

        HttpResponse<String> response = bed.post("/v1/responses", BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(bed.recorder.records).last().satisfies(r ->
                assertThat(r.finalAccountId()).isEqualTo(second.accountId()));
    }

    @Test
    void request_errors_go_back_to_the_client_without_failover() throws Exception {
        first.enqueue(Scenario.FAILED_CONTEXT_LENGTH_EXCEEDED);

        HttpResponse<String> response = bed.post("/v1/responses", BODY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.object(response.body()).getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("context_length_exceeded");
        assertThat(bed.fake.responsesCount(second.accountId())).isZero();
    }

    @Test
    void when_every_account_is_exhausted_the_answer_is_429_with_retry_after() throws Exception {
        first.enqueue(Scenario.USAGE_LIMIT);
        second.enqueue(Scenario.USAGE_LIMIT);

        HttpResponse<String> response = bed.post("/v1/responses", BODY);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).isPresent();
        assertThat(Json.object(response.body()).getAsJsonObject("error").get("message").getAsString())
                .contains("usage limit");

        HttpResponse<String> again = bed.post("/v1/responses", BODY);
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(bed.fake.requests(FakeUpstream.RESPONSES_PATH)).hasSize(2);
    }

    @Test
    void when_every_account_fails_the_answer_says_so() throws Exception {
        first.enqueue(Scenario.OVERLOADED);
        second.enqueue(Scenario.OVERLOADED);

        HttpResponse<String> response = bed.post("/v1/responses", BODY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("attempted");
    }

    /**
     * Regression: {@code response.failed} with {@code server_error} before any output used to be answered 400
     * {@code invalid_request_error}, so clients took it for their own mistake and did not retry.
     */
    @Test
    void a_server_error_failure_on_every_account_is_a_502_server_error_not_the_clients_fault() throws Exception {
        first.enqueue(Scenario.FAILED_SERVER_ERROR);
        second.enqueue(Scenario.FAILED_SERVER_ERROR);

        HttpResponse<String> response = bed.post("/v1/responses", BODY);

        assertThat(response.statusCode()).isEqualTo(502);
        JsonObject error = Json.object(response.body()).getAsJsonObject("error");
        assertThat(error.get("type").getAsString()).isEqualTo("server_error");
        assertThat(bed.fake.responsesCount(first.accountId())).isEqualTo(1);
        assertThat(bed.fake.responsesCount(second.accountId())).isEqualTo(1);
    }

    @Test
    void an_empty_pool_is_a_clear_503() throws Exception {
        bed.pool.setStatus(first.accountId(), PoolAccount.Status.DISABLED);
        bed.pool.setStatus(second.accountId(), PoolAccount.Status.UNAVAILABLE);

        HttpResponse<String> response = bed.post("/v1/responses", BODY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(Json.object(response.body()).getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("no_account_available");
    }
}
