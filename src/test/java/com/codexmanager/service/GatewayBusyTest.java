package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.PromText;
import com.codexmanager.testkit.Scenario;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GATEWAY_MAX_INFLIGHT}: with the limit in flight, one more request is refused at once with 503 and
 * {@code Retry-After: 1} in its client's protocol (Anthropic: 529 {@code overloaded_error}), counted, logged, and
 * the requests already admitted go on.
 */
class GatewayBusyTest {
    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;
    String openAiKey;
    String anthropicKey;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false)
                .stallDuration(Duration.ofSeconds(30)).build());
        service = ServiceHarness.start(dir, Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer(),
                "CODEXMANAGER_UPSTREAM_FIRST_BYTE_TIMEOUT_SECS", "60",
                "CODEXMANAGER_GATEWAY_MAX_INFLIGHT", "2"));
        service.rpc().call("account/import", Map.of("contents",
                List.of(fake.createAccount().tokens().codexAuthJson(Instant.now()))));
        openAiKey = service.rpc().call("apikey/create", Map.of("name", "busy", "protocolType", "openai"))
                .get("key").getAsString();
        anthropicKey = service.rpc().call("apikey/create", Map.of("name", "claude", "protocolType", "anthropic"))
                .get("key").getAsString();
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    @Test
    void over_the_limit_a_request_is_refused_at_once_in_its_protocol_and_the_admitted_ones_go_on() {
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slow.add(service.http().sendAsync(responses("{\"model\":\"gpt-5.5\",\"stream\":true,\"input\":\"wait "
                    + Scenario.SLOW_FIRST_BYTE.marker() + "\"}"), HttpResponse.BodyHandlers.ofString()));
        }
        Await.until("two requests in flight", () -> metrics().value("codexmanager_requests_in_flight") == 2);

        HttpResponse<String> openAi = service.send(responses("{\"model\":\"gpt-5.5\",\"input\":\"one more\"}"));
        HttpResponse<String> anthropic = service.send(HttpRequest.newBuilder(
                        URI.create(service.baseUrl() + "/v1/messages"))
                .header("x-api-key", anthropicKey).header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"one more\"}]}")).build());

        assertThat(openAi.statusCode()).isEqualTo(503);
        assertThat(openAi.headers().firstValue("Retry-After")).hasValue("1");
        JsonObject error = JsonParser.parseString(openAi.body()).getAsJsonObject().getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("server_busy");
        assertThat(error.get("message").getAsString()).contains("CODEXMANAGER_GATEWAY_MAX_INFLIGHT");
        assertThat(anthropic.statusCode()).isEqualTo(529);
        assertThat(anthropic.headers().firstValue("retry-after")).hasValue("1");
        JsonObject body = JsonParser.parseString(anthropic.body()).getAsJsonObject();
        assertThat(body.get("type").getAsString()).isEqualTo("error");
        assertThat(body.getAsJsonObject("error").get("type").getAsString()).isEqualTo("overloaded_error");
        PromText during = metrics();
        assertThat(during.value("codexmanager_requests_refused_busy_total")).isEqualTo(2);
        assertThat(during.value("codexmanager_requests_in_flight")).as("the refused never entered").isEqualTo(2);
        assertThat(slow).noneMatch(CompletableFuture::isDone);

        fake.close(); // ends the stalls: the admitted requests finish and free their places
        Await.until("admitted requests finished", () -> slow.stream().allMatch(CompletableFuture::isDone));
        Await.until("nothing in flight", () -> metrics().value("codexmanager_requests_in_flight") == 0);
        Await.until("every request logged, the refused ones as 503 server_busy", () -> service.rpc()
                .call("requestlog/list", Map.of("page", 1, "pageSize", 10)).get("total").getAsLong() == 4);
        assertThat(metrics().sum("codexmanager_requests_total")).isEqualTo(4);
    }

    private HttpRequest responses(String body) {
        return HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + openAiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private PromText metrics() {
        return PromText.parse(service.get("/metrics").body());
    }
}
