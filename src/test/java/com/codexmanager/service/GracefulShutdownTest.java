package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.ServiceProcess;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while streams wait on a slow upstream. Regression: every client got a TCP reset about 12 s later with no
 * HTTP status, and the server's thread interrupts hit H2 in the middle of writes (ClosedByInterruptException).
 * Now: the drain period passes, then each stream ends in its protocol (response.failed service_stopping) or, when
 * nothing was sent yet, as a 503; the request log is written out before the process exits.
 */
class GracefulShutdownTest {
    private static final int DRAIN_SECS = 1;

    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceProcess service;
    String key;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false)
                .stallDuration(Duration.ofSeconds(60)).build());
        service = ServiceProcess.prepare(dir, Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer(),
                "CODEXMANAGER_SHUTDOWN_DRAIN_SECS", Integer.toString(DRAIN_SECS))).start();
        FakeAccount account = fake.createAccount();
        service.rpc().call("account/import", Map.of("contents",
                List.of(account.tokens().codexAuthJson(Instant.now()))));
        key = service.rpc().call("apikey/create", Map.of("name", "drain", "protocolType", "openai")).get("key")
                .getAsString();
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    @Test
    void sigterm_ends_open_streams_in_protocol_and_exits_after_the_drain_period() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> committed = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            committed.add(stream(http, "[[scenario:stall_mid_stream]] " + i));
            waiting.add(stream(http, "[[scenario:slow_first_byte]] " + i));
        }
        Await.until("20 upstream requests open", Duration.ofSeconds(20), () -> fake.openStreams() >= 20);

        service.sigterm();

        for (CompletableFuture<HttpResponse<String>> f : committed) {
            HttpResponse<String> response = f.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("response.output_text.delta").contains("\"response.failed\"")
                    .contains("service_stopping");
        }
        for (CompletableFuture<HttpResponse<String>> f : waiting) {
            HttpResponse<String> response = f.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("retry-after")).isPresent();
            assertThat(response.body()).contains("service_stopping");
        }
        // 143 = 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran to the end
        assertThat(service.awaitExit(Duration.ofSeconds(DRAIN_SECS + 10))).isIn(0, 143);
        String log = service.logText();
        assertThat(log).contains("CodexManager stopped").doesNotContain("ClosedByInterrupt")
                .doesNotContain("Exception");

        service.start();
        JsonArray rows = service.rpc().call("requestlog/list", Map.of("page", 1, "pageSize", 50))
                .getAsJsonArray("items");
        assertThat(rows).hasSize(20);
        assertThat(rows.asList().stream().map(r -> ((JsonObject) r).get("statusCode").getAsInt()))
                .containsOnly(200, 503);
    }

    @Test
    void sigterm_with_idle_keep_alive_connections_stops_without_an_error() throws Exception {
        List<Socket> keepAlives = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket("127.0.0.1", service.port());
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertThat(reader.readLine()).startsWith("HTTP/1.1 200");
                keepAlives.add(socket);
            }

            service.sigterm();

            assertThat(service.awaitExit(Duration.ofSeconds(DRAIN_SECS + 10))).isIn(0, 143);
            // Regression: the server's stop re-applied the long shutdown idle timeout to these connections, so it
            // waited out its stop timeout and logged "Javalin failed to stop gracefully" with a stack trace.
            assertThat(service.logText()).contains("CodexManager stopped").doesNotContain("failed to stop")
                    .doesNotContain("Exception").doesNotContain(" ERROR ");
        } finally {
            for (Socket socket : keepAlives) {
                socket.close();
            }
        }
    }

    private CompletableFuture<HttpResponse<String>> stream(HttpClient http, String prompt) {
        String body = "{\"model\":\"gpt-5.5\",\"stream\":true,\"input\":\"" + prompt + "\"}";
        return http.sendAsync(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
