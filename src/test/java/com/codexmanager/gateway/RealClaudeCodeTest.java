package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.AzureKeyedService;
import com.codexmanager.testkit.ExternalCommand;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.google.gson.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real Claude Code ({@code claude -p}) against the gateway's Anthropic Messages route, set up the way the
 * README and {@code codexmanager key create --protocol anthropic} say ({@code ANTHROPIC_BASE_URL} and
 * {@code ANTHROPIC_AUTH_TOKEN}), with the default model aliases: its Claude model names reach a ChatGPT account of a
 * free, plus or pro plan (whose catalogue the fake upstream enforces) and the answer comes back; and, on the real
 * service, with an {@code azure_openai} key created over RPC, whose Azure resource (an Azure-shaped fake) answers.
 * Runs only where a Claude Code binary is found: {@code CODEXMANAGER_TEST_CLAUDE} (a path) or {@code claude} on the
 * PATH ({@code npm install -g @anthropic-ai/claude-code} installs one); skipped otherwise.
 * The CLI talks to 127.0.0.1 only (non-essential traffic off, a throwaway home).
 */
class RealClaudeCodeTest {
    @TempDir
    Path dir;
    GatewayTestBed bed;
    AzureKeyedService azureService;

    @AfterEach
    void stop() {
        if (bed != null) {
            bed.close();
        }
        if (azureService != null) {
            azureService.close();
        }
    }

    private static Optional<Path> claude() {
        return ExternalCommand.find("CODEXMANAGER_TEST_CLAUDE", "claude");
    }

    private String runClaude(Path claude, String baseUrl, String key) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path work = Files.createDirectories(dir.resolve("work"));
        ProcessBuilder builder = new ProcessBuilder(claude.toString(), "-p", "Reply with the word PONG and nothing else.",
                "--output-format", "text")
                .directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("ANTHROPIC_") || name.startsWith("CLAUDE_"));
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
        env.put("ANTHROPIC_BASE_URL", baseUrl);
        env.put("ANTHROPIC_AUTH_TOKEN", key);
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("claude did not finish within 120 s: "
                    + Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
        }
        String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        String stdout = Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stdout + stderr).isZero();
        return stdout.trim();
    }

    /** The upstream refuses models the account's plan does not offer, as the backend does (the issue-14 bug). */
    @ParameterizedTest
    @ValueSource(strings = {"free", "plus", "pro"})
    void claude_code_gets_its_answer_from_a_chatgpt_account_of_each_plan_with_the_default_aliases(String plan)
            throws Exception {
        Optional<Path> claude = claude();
        assumeTrue(claude.isPresent(), "no Claude Code here (CODEXMANAGER_TEST_CLAUDE or claude on the PATH)");
        bed = new GatewayTestBed(FakeUpstream.start(FakeUpstreamOptions.builder().replyText("PONG").build()),
                Map.of());
        bed.pool.add(bed.fake.createAccount(AccountSpec.builder().planType(plan).build()), 1);

        String answer = runClaude(claude.get(), bed.baseUrl(), TestKeys.KEY);

        assertThat(answer).isEqualTo("PONG");
        Await.until("the request rows", () -> !bed.recorder.records.isEmpty());
        assertThat(bed.recorder.records).extracting(RequestRecorder.RequestRecord::path)
                .allMatch(path -> path.startsWith("/v1/messages"));
        assertThat(bed.recorder.records).anyMatch(r -> r.status() == 200 && r.clientModel() != null
                && r.clientModel().startsWith("claude"));
    }

    @Test
    void claude_code_gets_its_answer_through_an_azure_key_and_the_stored_row_has_model_first_byte_and_tokens()
            throws Exception {
        Optional<Path> claude = claude();
        assumeTrue(claude.isPresent(), "no Claude Code here (CODEXMANAGER_TEST_CLAUDE or claude on the PATH)");
        azureService = AzureKeyedService.start(dir.resolve("service"),
                FakeUpstreamOptions.builder().replyText("PONG").build());

        String answer = runClaude(claude.get(), azureService.baseUrl(), azureService.key());

        assertThat(answer).isEqualTo("PONG");
        assertThat(azureService.azure().calls()).isNotEmpty();
        JsonObject row = azureService.storedRow("a served /v1/messages turn with tokens",
                r -> r.get("statusCode").getAsInt() == 200 && r.get("path").getAsString().startsWith("/v1/messages")
                        && r.has("outputTokens") && r.get("outputTokens").isJsonPrimitive());
        assertThat(row.get("clientModel").getAsString()).startsWith("claude");
        assertThat(row.get("model").getAsString()).isEqualTo(AzureKeyedService.DEPLOYMENT);
        assertThat(row.get("firstByteMs").getAsLong()).isNotNegative();
        assertThat(row.get("inputTokens").getAsLong()).isPositive();
        assertThat(row.get("outputTokens").getAsLong()).isPositive();
    }
}
