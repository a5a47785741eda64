package com.codexmanager.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RecordedRequest;
import com.codexmanager.testkit.ResponsesSocket;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A served turn updates its account's usage from the reply, the same whichever way the turn reached the backend:
 * from the {@code x-codex-*} headers of an HTTP reply, or from the {@code codex.rate_limits} frame of an upstream
 * WebSocket, whose upgrade headers the gateway cannot read (codex-protocol.md §2.6, §2.7). The stored windows are
 * the ones {@code /wham/usage} reports at the same moment.
 */
class ReplyRateLimitsTest {
    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;
    FakeAccount account;
    String accountId;
    String key;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build()).serveWebSockets(true);
        service = ServiceHarness.start(dir, Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer(),
                "CODEXMANAGER_DISABLE_POLLING", "true"));
        account = fake.createAccount().setPrimaryUsedPercent(20).setSecondaryUsedPercent(5);
        accountId = service.rpc().call("account/import", Map.of("contents",
                List.of(account.tokens().codexAuthJson(Instant.now())))).getAsJsonArray("accountIds").get(0)
                .getAsString();
        key = service.rpc().call("apikey/create", Map.of("name", "usage", "protocolType", "openai")).get("key")
                .getAsString();
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    private JsonObject read() {
        return service.rpc().call("account/usage/read", Map.of("accountId", accountId));
    }

    private static String source(JsonObject report) {
        return report.get("source").isJsonNull() ? null : report.get("source").getAsString();
    }

    private void turnOverHttp() {
        assertThat(service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5.5\",\"input\":\"hello\"}")).build())
                .statusCode()).isEqualTo(200);
    }

    private void turnOverWebSocket() throws InterruptedException {
        try (ResponsesSocket socket = ResponsesSocket.open(service.baseUrl(),
                ResponsesSocket.codexHeaders(key, "usage-session"))) {
            List<JsonObject> frames = socket.turn("{\"type\":\"response.create\",\"model\":\"gpt-5.5\","
                    + "\"stream\":true,\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":["
                    + "{\"type\":\"input_text\",\"text\":\"hello\"}]}]}");
            assertThat(frames.get(frames.size() - 1).get("type").getAsString()).isEqualTo("response.completed");
        }
    }

    /** Polling is off, so only the turn's reply and the explicit refresh write usage. */
    @ParameterizedTest
    @ValueSource(strings = {RecordedRequest.HTTP, RecordedRequest.WEBSOCKET})
    void a_turn_stores_the_windows_of_its_reply(String transport) throws Exception {
        account.setPrimaryUsedPercent(61.5).setSecondaryUsedPercent(33);

        if (transport.equals(RecordedRequest.HTTP)) {
            turnOverHttp();
        } else {
            turnOverWebSocket();
        }

        assertThat(fake.turns(FakeUpstream.RESPONSES_PATH)).singleElement()
                .extracting(RecordedRequest::transport).isEqualTo(transport);
        JsonObject fromReply = read();
        assertThat(source(fromReply)).isEqualTo("headers");
        assertThat(fromReply.get("usedPercent").getAsDouble()).isEqualTo(account.primaryUsedPercent());
        assertThat(fromReply.get("secondaryUsedPercent").getAsDouble()).isEqualTo(account.secondaryUsedPercent());
        assertThat(fromReply.get("planType").getAsString()).isEqualTo(account.planType());
        assertThat(fromReply.get("creditsJson").getAsString())
                .isEqualTo("{\"has_credits\":false,\"unlimited\":false,\"balance\":\"0\"}");
        JsonObject polled = service.rpc().call("account/usage/refresh", Map.of("accountId", accountId));
        for (String field : List.of("usedPercent", "windowMinutes", "resetsAt", "secondaryUsedPercent",
                "secondaryWindowMinutes", "secondaryResetsAt", "availabilityStatus")) {
            assertThat(fromReply.get(field)).as(field).isEqualTo(polled.get(field));
        }
    }
}
