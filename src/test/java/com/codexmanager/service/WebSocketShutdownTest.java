package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.ResponsesSocket;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the service with Responses WebSockets open: an idle socket is closed at once with 1001; a socket in
 * the middle of a turn keeps it through the drain period, then gets {@code response.failed service_stopping}
 * and 1001; the service stops in bounded time and the turn's row is in the request log, with transport
 * {@code websocket}.
 */
class WebSocketShutdownTest {
    private static final int DRAIN_SECS = 1;

    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness harness;
    String key;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false)
                .stallDuration(Duration.ofSeconds(60)).build());
        harness = ServiceHarness.start(dir, Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer(),
                "CODEXMANAGER_SHUTDOWN_DRAIN_SECS", Integer.toString(DRAIN_SECS)));
        FakeAccount account = fake.createAccount();
        harness.rpc().call("account/import", Map.of("contents",
                List.of(account.tokens().codexAuthJson(Instant.now()))));
        key = harness.rpc().call("apikey/create", Map.of("name", "ws", "protocolType", "openai")).get("key")
                .getAsString();
    }

    @AfterEach
    void stop() {
        harness.close();
        fake.close();
    }

    private static String frame(String text) {
        return "{\"type\":\"response.create\",\"model\":\"gpt-5.5\",\"stream\":true,\"input\":[{\"type\":\"message\","
                + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"" + text + "\"}]}]}";
    }

    @Test
    void idle_sockets_close_at_once_and_a_busy_one_ends_its_turn_in_protocol() throws Exception {
        ResponsesSocket idle = ResponsesSocket.open(harness.baseUrl(), ResponsesSocket.codexHeaders(key, "s-idle"));
        ResponsesSocket busy = ResponsesSocket.open(harness.baseUrl(), ResponsesSocket.codexHeaders(key, "s-busy"));
        idle.turn(frame("warm"));
        busy.send(frame("[[scenario:stall_mid_stream]] long"));
        Await.until("the busy turn is streaming", Duration.ofSeconds(20), () -> fake.openStreams() >= 1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(harness::close);

        assertThat(idle.awaitClose(Duration.ofSeconds(5))).isEqualTo(1001);
        List<JsonObject> frames = busy.untilTerminal(Duration.ofSeconds(DRAIN_SECS + 15));
        JsonObject last = frames.get(frames.size() - 1);
        assertThat(last.get("type").getAsString()).isEqualTo("response.failed");
        assertThat(last.toString()).contains("service_stopping");
        assertThat(frames).anyMatch(f -> f.get("type").getAsString().equals("response.output_text.delta"));
        assertThat(busy.awaitClose(Duration.ofSeconds(5))).isEqualTo(1001);
        stopping.get(DRAIN_SECS + 15, TimeUnit.SECONDS);
        idle.close();
        busy.close();

        harness = ServiceHarness.start(dir, Map.of("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl()));
        JsonArray rows = harness.rpc().call("requestlog/list", Map.of("query", "transport:websocket"))
                .getAsJsonArray("items");
        assertThat(rows).hasSize(2);
        assertThat(rows.asList().stream().map(r -> ((JsonObject) r).get("errorCode")))
                .anyMatch(code -> !code.isJsonNull() && code.getAsString().equals("service_stopping"));
    }
}
