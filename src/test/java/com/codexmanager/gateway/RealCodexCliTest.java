package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.codexmanager.cli.ClientSnippets;
import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.ExternalCommand;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.PromText;
import com.codexmanager.testkit.RecordedRequest;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real Codex CLI ({@code codex exec}) against the real service with {@code supports_websockets = true}: the
 * answer comes over the Responses WebSocket (warm-up, then an incremental turn) and the stored request log says
 * {@code websocket}; the turn reaches the fake over HTTP after its 426 or, when the fake offers one, over an upstream
 * WebSocket whose {@code codex.rate_limits} frame updates the account's usage; with WebSockets turned off the CLI
 * falls back to HTTP after the gateway's 426, which {@code /metrics} counts, and the row says {@code http}. Runs only where a Codex binary is found: {@code CODEXMANAGER_TEST_CODEX}
 * (a path) or {@code codex} on the PATH ({@code npm install -g @openai/codex} installs one); skipped otherwise.
 * The CLI talks to 127.0.0.1 only (no update check, no analytics, no plugins).
 */
class RealCodexCliTest {
    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;
    String key;
    FakeAccount account;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private static Optional<Path> codex() {
        return ExternalCommand.find("CODEXMANAGER_TEST_CODEX", "codex");
    }

    /** The service with one ChatGPT account (imported over RPC) and an openai key (created over RPC). */
    private void startService(Map<String, String> extraEnv) throws IOException {
        startService(extraEnv, false, "plus");
    }

    /**
     * @param upstreamWebSockets whether the fake offers its WebSocket (else it answers the upgrade with 426)
     * @param plan               the account's plan; the fake refuses models that plan's catalogue lacks
     */
    private void startService(Map<String, String> extraEnv, boolean upstreamWebSockets, String plan)
            throws IOException {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(true).replyText("PONG").build())
                .serveWebSockets(upstreamWebSockets);
        Map<String, String> env = new HashMap<>(Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer()));
        env.putAll(extraEnv);
        service = ServiceHarness.start(Files.createDirectories(dir.resolve("service")), env);
        account = fake.createAccount(AccountSpec.builder().planType(plan).build());
        service.rpc().call("account/import", Map.of("contents",
                List.of(account.tokens().codexAuthJson(Instant.now()))));
        key = service.rpc().call("apikey/create", Map.of("name", "codex", "protocolType", "openai")).get("key")
                .getAsString();
    }

    /** Runs {@code codex exec} and returns its answer (the {@code -o} file). */
    private String runCodex(Path codex) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("codex-home"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(home.resolve("config.toml"), String.join("\n",
                "model = \"" + ClientSnippets.DEFAULT_CODEX_MODEL + "\"",
                "model_provider = \"gw\"",
                "approval_policy = \"never\"",
                "sandbox_mode = \"read-only\"",
                "check_for_update_on_startup = false",
                "[model_providers.gw]",
                "name = \"CodexManager\"",
                "base_url = \"" + service.baseUrl() + "/v1\"",
                "env_key = \"GATEWAY_KEY\"",
                "wire_api = \"responses\"",
                "supports_websockets = true",
                "request_max_retries = 0",
                "stream_max_retries = 0",
                "[features]",
                "plugins = false",
                "[analytics]",
                "enabled = false", ""));
        Path answer = dir.resolve("answer.txt");
        ProcessBuilder builder = new ProcessBuilder(codex.toString(), "exec", "--skip-git-repo-check", "--ephemeral",
                "--color", "never", "--sandbox", "read-only", "-C", work.toString(), "-o", answer.toString(),
                "Reply with the word PONG and nothing else.")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().put("CODEX_HOME", home.toString());
        builder.environment().put("GATEWAY_KEY", key);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("codex did not finish within 120 s");
        }
        String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stderr).isZero();
        return Files.readString(answer, StandardCharsets.UTF_8).trim();
    }

    /** The rows the service stored, as {@code requestlog/list} returns them, once there is at least one. */
    private JsonArray storedRows() {
        Await.until("the turn's row in the request log", () -> !rows().isEmpty());
        return rows();
    }

    private JsonArray rows() {
        return service.rpc().call("requestlog/list", Map.of("page", 1, "pageSize", 20)).getAsJsonArray("items");
    }

    private static List<String> field(JsonArray rows, String name) {
        return rows.asList().stream().map(JsonElement::getAsJsonObject).map(row -> row.get(name).getAsString())
                .toList();
    }

    private double refusedUpgrades(String code) {
        return PromText.parse(service.get("/metrics").body())
                .labelled("codexmanager_websocket_upgrades_refused_total", "code", code);
    }

    @ParameterizedTest(name = "{0} plan")
    @ValueSource(strings = {"free", "plus", "pro"})
    void codex_gets_its_answer_over_the_websocket(String plan) throws Exception {
        Optional<Path> codex = codex();
        assumeTrue(codex.isPresent(), "no Codex CLI here (CODEXMANAGER_TEST_CODEX or codex on the PATH)");
        startService(Map.of(), false, plan);

        String answer = runCodex(codex.get());

        assertThat(answer).isEqualTo("PONG");
        JsonArray rows = storedRows();
        assertThat(field(rows, "transport")).containsOnly("websocket");
        assertThat(field(rows, "statusCode")).containsOnly("200");
        assertThat(refusedUpgrades("websocket_disabled")).isZero();
        // the gateway tries the fake's WebSocket first: one refused upgrade (426), then the turn over HTTP
        assertThat(fake.turns(FakeUpstream.RESPONSES_PATH)).singleElement().satisfies(turn -> {
            assertThat(turn.transport()).isEqualTo(RecordedRequest.HTTP);
            assertThat(turn.json().getAsJsonObject().getAsJsonArray("input").toString())
                    .as("the warm-up's prompt reached the upstream too")
                    .contains("developer").contains("Reply with the word PONG");
        });
    }

    @Test
    void codex_gets_its_answer_over_the_upstream_websocket_with_its_rate_limits() throws Exception {
        Optional<Path> codex = codex();
        assumeTrue(codex.isPresent(), "no Codex CLI here (CODEXMANAGER_TEST_CODEX or codex on the PATH)");
        startService(Map.of(), true, "plus");

        String answer = runCodex(codex.get());

        assertThat(answer).isEqualTo("PONG");
        assertThat(field(storedRows(), "transport")).containsOnly("websocket");
        assertThat(fake.turns(FakeUpstream.RESPONSES_PATH)).singleElement()
                .extracting(RecordedRequest::transport).isEqualTo(RecordedRequest.WEBSOCKET);
        String accountId = service.rpc().call("account/list", Map.of()).getAsJsonArray("items").get(0)
                .getAsJsonObject().get("id").getAsString();
        Await.until("the codex.rate_limits frame fed the account's usage", () -> {
            JsonElement source = service.rpc().call("account/usage/read", Map.of("accountId", accountId))
                    .get("source");
            return source != null && !source.isJsonNull() && source.getAsString().equals("headers");
        });
    }

    /** The snippet's model is gone from a later catalogue: the gateway resolves it to that catalogue's top model. */
    @Test
    void codex_with_the_snippets_model_answers_on_a_renamed_catalogue() throws Exception {
        Optional<Path> codex = codex();
        assumeTrue(codex.isPresent(), "no Codex CLI here (CODEXMANAGER_TEST_CODEX or codex on the PATH)");
        startService(Map.of());
        fake.setPlanModels("plus", "gpt-7-nova", "gpt-7-mini");

        String answer = runCodex(codex.get());

        assertThat(answer).isEqualTo("PONG");
        List<RecordedRequest> turns = fake.turns(FakeUpstream.RESPONSES_PATH);
        assertThat(turns.get(turns.size() - 1).json().getAsJsonObject().get("model").getAsString())
                .isEqualTo("gpt-7-nova");
    }

    @Test
    void with_websockets_off_codex_falls_back_to_http_after_the_426() throws Exception {
        Optional<Path> codex = codex();
        assumeTrue(codex.isPresent(), "no Codex CLI here (CODEXMANAGER_TEST_CODEX or codex on the PATH)");
        startService(Map.of("CODEXMANAGER_WEBSOCKET_ENABLED", "false"));

        String answer = runCodex(codex.get());

        assertThat(answer).isEqualTo("PONG");
        assertThat(field(storedRows(), "transport")).containsOnly("http");
        assertThat(refusedUpgrades("websocket_disabled")).isGreaterThanOrEqualTo(1);
    }
}
