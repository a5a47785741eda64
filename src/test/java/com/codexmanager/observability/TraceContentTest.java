package com.codexmanager.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.logging.Redactor;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.Scenario;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code gateway-trace.log} shows about a request: the error code of the final line in clear (it used to read
 * {@code code=[REDACTED]} because the OAuth-code rule matched it), and with {@code TRACE_BODY_PREVIEW_MAX_BYTES} a
 * bounded, redacted body preview.
 */
class TraceContentTest {
    private static final String SECRET = "plain-secret-in-body";

    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;

    private String start(Map<String, String> extraEnv) {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer(),
                "CODEXMANAGER_GATEWAY_MAX_ATTEMPTS", "1"));
        env.putAll(extraEnv);
        service = ServiceHarness.start(dir, env);
        FakeAccount account = fake.createAccount();
        service.rpc().call("account/import", Map.of("contents", List.of(account.tokens().codexAuthJson(
                Instant.now()))));
        account.enqueue(Scenario.INTERNAL_SERVER_ERROR);
        return service.rpc().call("apikey/create", Map.of("name", "trace", "protocolType", "openai")).get("key")
                .getAsString();
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    private String send(String key, String body) {
        HttpResponse<String> response = service.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                + "/v1/responses")).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
        return response.headers().firstValue("X-CodexManager-Trace-Id").orElseThrow();
    }

    private Map<String, JsonObject> awaitEvents(String traceId) {
        Map<String, JsonObject> byEvent = new java.util.LinkedHashMap<>();
        Await.until("REQUEST_FINAL of " + traceId, Duration.ofSeconds(10), () -> {
            byEvent.clear();
            for (JsonElement e : service.rpc().call("requestlog/trace", Map.of("traceId", traceId))
                    .getAsJsonArray("events")) {
                byEvent.put(e.getAsJsonObject().get("event").getAsString(), e.getAsJsonObject().getAsJsonObject(
                        "fields"));
            }
            return byEvent.containsKey("REQUEST_FINAL");
        });
        return byEvent;
    }

    private Optional<String> loggedErrorCode() {
        var items = service.rpc().call("requestlog/list", Map.of("page", 1, "pageSize", 1)).getAsJsonArray("items");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        JsonObject row = items.get(0).getAsJsonObject();
        return Optional.ofNullable(row.get("errorCode")).filter(JsonElement::isJsonPrimitive)
                .map(JsonElement::getAsString);
    }

    @Test
    void the_final_line_shows_the_upstream_error_code_and_no_body_by_default() {
        String key = start(Map.of());

        Map<String, JsonObject> events = awaitEvents(send(key, "{\"model\":\"gpt-5.5\",\"input\":\"hi\"}"));

        String code = events.get("REQUEST_FINAL").get("code").getAsString();
        assertThat(code).isNotEqualTo(Redactor.MASK).isNotBlank();
        Await.until("request log row", () -> loggedErrorCode().isPresent());
        assertThat(loggedErrorCode()).hasValue(code);
        assertThat(events).doesNotContainKey("REQUEST_BODY");
    }

    @Test
    void with_a_preview_size_the_body_is_kept_bounded_and_redacted() {
        String key = start(Map.of("CODEXMANAGER_TRACE_BODY_PREVIEW_MAX_BYTES", "80"));
        String body = "{\"api_key\":\"" + SECRET + "\",\"model\":\"gpt-5.5\",\"input\":\"" + "long text ".repeat(50)
                + "\"}";

        Map<String, JsonObject> events = awaitEvents(send(key, body));

        JsonObject preview = events.get("REQUEST_BODY");
        assertThat(preview).isNotNull();
        assertThat(preview.get("body_bytes").getAsInt()).isGreaterThan(400);
        String shown = preview.get("body").getAsString();
        assertThat(shown).contains("\"model\":\"gpt-5.5\"").contains(Redactor.MASK).doesNotContain(SECRET)
                .endsWith("…");
        assertThat(shown.length()).isLessThan(120);
    }
}
