package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.Scenario;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The in-flight limit with its bounded gate wait, and the optional fallback upstream. */
class GateAndFallbackTest {
    private static final String SLOW = "{\"model\":\"gpt-5.5\",\"stream\":true,\"input\":\"[[scenario:slow_drip]] x\"}";

    private static CompletableFuture<HttpResponse<String>> postAsync(GatewayTestBed bed, String body) {
        return bed.http.sendAsync(HttpRequest.newBuilder(URI.create(bed.baseUrl() + "/v1/responses"))
                .header("Authorization", "Bearer " + TestKeys.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static FakeUpstream dripFake() {
        return FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false)
                .dripInterval(Duration.ofMillis(150)).build());
    }

    @Test
    void a_full_account_is_passed_over_for_the_next_one_without_waiting() throws Exception {
        try (GatewayTestBed bed = new GatewayTestBed(dripFake(), Map.of("CODEXMANAGER_ACCOUNT_MAX_INFLIGHT", "1"))) {
            FakeAccount a = bed.fake.createAccount();
            FakeAccount b = bed.fake.createAccount();
            bed.pool.add(a, 1).add(b, 2);

            var first = postAsync(bed, SLOW);
            assertThat(bed.fake.awaitOpenStreams(1, Duration.ofSeconds(5))).isTrue();
            var second = postAsync(bed, SLOW);

            assertThat(first.get().statusCode()).isEqualTo(200);
            assertThat(second.get().statusCode()).isEqualTo(200);
            assertThat(bed.fake.responsesCount(a.accountId())).isEqualTo(1);
            assertThat(bed.fake.responsesCount(b.accountId())).isEqualTo(1);
        }
    }

    @Test
    void when_every_account_is_full_a_request_waits_only_the_gate_timeout() throws Exception {
        try (GatewayTestBed bed = new GatewayTestBed(dripFake(), Map.of("CODEXMANAGER_ACCOUNT_MAX_INFLIGHT", "1",
                "CODEXMANAGER_REQUEST_GATE_WAIT_TIMEOUT_MS", "300"))) {
            FakeAccount a = bed.fake.createAccount();
            bed.pool.add(a, 1);

            var first = postAsync(bed, SLOW);
            assertThat(bed.fake.awaitOpenStreams(1, Duration.ofSeconds(5))).isTrue();
            long start = System.nanoTime();
            HttpResponse<String> second = postAsync(bed, SLOW).get();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.body()).contains("in-flight limit").contains("accounts_busy");
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofSeconds(5));
            assertThat(first.get().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_challenge_from_the_primary_is_retried_once_on_the_fallback_upstream() throws Exception {
        FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        try (GatewayTestBed bed = new GatewayTestBed(fake, Map.of("CODEXMANAGER_UPSTREAM_FALLBACK_BASE_URL",
                fake.baseUrl() + "/backend-api/codex/"))) {
            FakeAccount a = bed.fake.createAccount();
            FakeAccount b = bed.fake.createAccount();
            bed.pool.add(a, 1).add(b, 2);
            a.enqueue(Scenario.CLOUDFLARE_CHALLENGE);

            HttpResponse<String> response = bed.post("/v1/responses", "{\"model\":\"gpt-5.5\",\"input\":\"x\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(bed.fake.responsesCount(a.accountId())).isEqualTo(2);
            assertThat(bed.fake.responsesCount(b.accountId())).isZero();
            assertThat(bed.recorder.traces).anySatisfy(t -> assertThat(t.event()).isEqualTo("FALLBACK_UPSTREAM"));
        }
    }
}
