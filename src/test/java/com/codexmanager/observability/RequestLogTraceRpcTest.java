package com.codexmanager.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code requestlog/trace} against a real gateway request served by the fake upstream. */
class RequestLogTraceRpcTest {
    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;
    FakeAccount account;
    String key;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        service = ServiceHarness.start(dir, Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer()));
        account = fake.createAccount();
        service.rpc().call("account/import", Map.of("contents", List.of(account.tokens().codexAuthJson(
                Instant.now()))));
        key = service.rpc().call("apikey/create", Map.of("name", "trace", "protocolType", "openai")).get("key")
                .getAsString();
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    private String send(String input) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-5.5\",\"input\":\"" + input + "\"}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("X-CodexManager-Trace-Id").orElseThrow();
    }

    private JsonObject awaitFinal(String traceId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        JsonObject result;
        do {
            result = service.rpc().call("requestlog/trace", Map.of("traceId", traceId));
            if (events(result).contains("REQUEST_FINAL")) {
                return result;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        return result;
    }

    private static List<String> events(JsonObject result) {
        return result.getAsJsonArray("events").asList().stream()
                .map(e -> e.getAsJsonObject().get("event").getAsString()).toList();
    }

    @Test
    void the_trace_of_a_gateway_request_runs_from_start_to_final_and_holds_no_secret() throws Exception {
        String other = send("another request");
        String traceId = send("hello trace");

        JsonObject result = awaitFinal(traceId);

        assertThat(result.get("traceId").getAsString()).isEqualTo(traceId);
        assertThat(result.get("truncated").getAsBoolean()).isFalse();
        List<String> events = events(result);
        assertThat(events.get(0)).isEqualTo("REQUEST_START");
        assertThat(events.get(events.size() - 1)).isEqualTo("REQUEST_FINAL");
        JsonArray items = result.getAsJsonArray("events");
        long previous = 0;
        for (JsonElement item : items) {
            JsonObject event = item.getAsJsonObject();
            assertThat(event.get("ts").getAsLong()).isPositive();
            assertThat(event.get("tsMillis").getAsLong()).isGreaterThanOrEqualTo(previous);
            previous = event.get("tsMillis").getAsLong();
            assertThat(event.get("fields").isJsonObject()).isTrue();
        }
        assertThat(result.toString()).doesNotContain(key).doesNotContain(account.accessToken())
                .doesNotContain(other);
    }

    @Test
    void an_unknown_trace_id_has_no_events() {
        JsonObject result = service.rpc().call("requestlog/trace", Map.of("traceId", "no-such-trace"));
        assertThat(result.getAsJsonArray("events")).isEmpty();
        assertThat(result.get("truncated").getAsBoolean()).isFalse();
    }

    @Test
    void a_missing_or_malformed_trace_id_is_refused_naming_the_field() {
        for (Map<String, Object> params : List.<Map<String, Object>>of(Map.of(), Map.of("traceId", " "),
                Map.of("traceId", "a b"), Map.of("traceId", "x".repeat(129)), Map.of("traceId", 7))) {
            assertThatThrownBy(() -> service.rpc().call("requestlog/trace", params))
                    .isInstanceOfSatisfying(RpcTestClient.RpcCallFailed.class, e -> {
                        assertThat(e.code()).isEqualTo(-32602);
                        assertThat(e.getMessage()).contains("traceId");
                    });
        }
    }
}
