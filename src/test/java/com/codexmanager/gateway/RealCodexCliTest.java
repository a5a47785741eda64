package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.codexmanager.cli.ClientSnippets;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.ExternalCommand;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The real Codex CLI ({@code codex exec}) against the gateway with {@code supports_websockets = true}, configured with
 * the model the key snippets print ({@link ClientSnippets#DEFAULT_CODEX_MODEL}), on free, plus and pro accounts of an
 * upstream that refuses models a plan lacks, and on a later, renamed catalogue: the answer comes over the Responses
 * WebSocket (warm-up, then an incremental turn), and with WebSockets turned off the CLI falls back to HTTP after the
 * 426. Runs only where a Codex binary is found: {@code CODEXMANAGER_TEST_CODEX} (a
 * path) or {@code codex} on the PATH ({@code npm install -g @openai/codex} installs one); skipped otherwise. The
 * CLI talks to 127.0.0.1 only (no update check, no analytics, no plugins).
 */
class RealCodexCliTest {
    @TempDir
    Path dir;
    GatewayTestBed bed;

    @AfterEach
    void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    private static Optional<Path> codex() {
        return ExternalCommand.find("CODEXMANAGER_TEST_CODEX", "codex");
    }

    private void startBed(Map<String, String> env, String plan) {
        bed = new GatewayTestBed(FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(true)
                .replyText("PONG").build()), env);
        bed.pool.add(bed.fake.createAccount(AccountSpec.builder().planType(plan).build()), 1);
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
                "base_url = \"" + bed.baseUrl() + "/v1\"",
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
        builder.environment().put("GATEWAY_KEY", TestKeys.KEY);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("codex did not finish within 120 s");
        }
        String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stderr).isZero();
        return Files.readString(answer, StandardCharsets.UTF_8).trim();
    }

    private List<String> transports() {
        return bed.recorder.records.stream().map(RequestRecorder.RequestRecord::transport).toList();
    }

    @ParameterizedTest(name = "{0} plan")
    @ValueSource(strings = {"free", "plus", "pro"})
    void codex_gets_its_answer_over_the_websocket(String plan) throws Exception {
        Optional<Path> codex = codex();
        assumeTrue(codex.isPresent(), "no Codex CLI here (CODEXMANAGER_TEST_CODEX or codex on the PATH)");
        startBed(Map.of(), plan);

        String answer = runCodex(codex.get());

        assertThat(answer).isEqualTo("PONG");
        Await.until("the turn's row", () -> !bed.recorder.records.isEmpty());
        assertThat(transports()).containsOnly("websocket");
        assertThat(bed.recorder.records.get(0).status()).isEqualTo(200);
        assertThat(bed.fake.requests(FakeUpstream.RESPONSES_PATH)).hasSize(1);
        assertThat(bed.fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().json().getAsJsonObject()
                .getAsJsonArray("input").toString()).as("the warm-up's prompt reached the upstream too")
                .contains("developer").contains("Reply with the word PONG");
    }

    /** The snippet's model is gone from a later catalogue: the gateway resolves it to that catalogue's top model. */
    @Test
    void codex_with_the_snippets_model_answers_on_a_renamed_catalogue() throws Exception {
        Optional<Path> codex = codex();
        assumeTrue(codex.isPresent(), "no Codex CLI here (CODEXMANAGER_TEST_CODEX or codex on the PATH)");
        startBed(Map.of(), "plus");
        bed.fake.setPlanModels("plus", "gpt-7-nova", "gpt-7-mini");

        String answer = runCodex(codex.get());

        assertThat(answer).isEqualTo("PONG");
        assertThat(bed.fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().json().getAsJsonObject()
                .get("model").getAsString()).isEqualTo("gpt-7-nova");
    }

    @Test
    void with_websockets_off_codex_falls_back_to_http_after_the_426() throws Exception {
        Optional<Path> codex = codex();
        assumeTrue(codex.isPresent(), "no Codex CLI here (CODEXMANAGER_TEST_CODEX or codex on the PATH)");
        startBed(Map.of("CODEXMANAGER_WEBSOCKET_ENABLED", "false"), "plus");

        String answer = runCodex(codex.get());

        assertThat(answer).isEqualTo("PONG");
        Await.until("the turn's row", () -> !bed.recorder.records.isEmpty());
        assertThat(transports()).containsOnly("http");
    }
}
