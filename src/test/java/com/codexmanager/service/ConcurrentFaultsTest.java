package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.PromText;
import com.codexmanager.testkit.Scenario;
import com.codexmanager.testkit.ServiceHarness;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of concurrent requests on a few accounts while the upstream fails the way it really fails. Regression:
 * two requests benching the same account collided on {@code gateway_cooldowns} (delete then insert, unique key
 * 23505) and the client got HTTP 500; each such request also left the in-flight gauge one higher for good and was
 * missing from {@code codexmanager_requests_total}.
 */
class ConcurrentFaultsTest {
    private static final int REQUESTS = 400;
    private static final int CLIENTS = 64;

    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;
    String key;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        service = ServiceHarness.start(dir, Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer(),
                "CODEXMANAGER_ROUTE_STRATEGY", "balanced"));
        List<String> auth = new ArrayList<>();
        List<FakeAccount> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            FakeAccount account = fake.createAccount();
            accounts.add(account);
            auth.add(account.tokens().codexAuthJson(Instant.now()));
        }
        service.rpc().call("account/import", Map.of("contents", auth));
        accounts.get(0).respondAlwaysWith(Scenario.INTERNAL_SERVER_ERROR);
        accounts.get(1).respondAlwaysWith(Scenario.RATE_LIMITED);
        accounts.get(2).respondAlwaysWith(Scenario.FAILED_SERVER_IS_OVERLOADED);
        accounts.get(3).respondAlwaysWith(Scenario.CLOUDFLARE_CHALLENGE);
        key = service.rpc().call("apikey/create", Map.of("name", "load", "protocolType", "openai")).get("key")
                .getAsString();
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    @Test
    void concurrent_upstream_failures_never_answer_500_and_every_request_is_counted_and_released()
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            int n = i;
            statuses.add(clients.submit(() -> post("{\"model\":\"gpt-5.5\",\"input\":\"load " + n + "\","
                    + "\"prompt_cache_key\":\"conversation-" + (n % 40) + "\"}")));
        }
        List<Integer> answered = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            answered.add(status.get());
        }
        clients.shutdown();

        Map<Integer, Long> byStatus = answered.stream().collect(Collectors.groupingBy(s -> s,
                Collectors.counting()));
        assertThat(byStatus).as("statuses").doesNotContainKey(500);
        assertThat(byStatus.keySet()).isSubsetOf(200, 429, 502, 503);
        assertThat(byStatus.get(200)).as("served by the healthy accounts").isPositive();
        PromText metrics = PromText.parse(service.get("/metrics").body());
        assertThat(metrics.value("codexmanager_requests_in_flight")).isZero();
        assertThat(metrics.sum("codexmanager_requests_total")).isEqualTo(REQUESTS);
        assertThat(service.rpc().call("gateway/routeStrategy/get").get("strategy").getAsString())
                .isEqualTo("balanced");
    }

    private int post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = service.http().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).as("body of %s", response.statusCode()).doesNotContain("\tat ");
        return response.statusCode();
    }
}
