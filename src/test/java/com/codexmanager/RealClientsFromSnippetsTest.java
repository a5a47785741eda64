package com.codexmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.codexmanager.OperatorCli.Run;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.ExternalCommand;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.ServiceHarness;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue-17 check "Codex CLI and Claude Code answer through the gateway using the printed snippets": two accounts
 * are imported and a key is created with the commands only, then the real Codex CLI ({@code codex exec}) and the real
 * Claude Code ({@code claude -p}) run with what {@code key create} printed, as a user pastes it: the
 * {@code config.toml} lines into a config file, the {@code export} lines into the shell that starts the client. The
 * only lines added are the test's own config that keeps each client on 127.0.0.1 (no update check, analytics or
 * plugins; a throwaway home). Each client is skipped where its binary is not found ({@code CODEXMANAGER_TEST_CODEX}
 * / {@code CODEXMANAGER_TEST_CLAUDE}, else on the PATH).
 */
class RealClientsFromSnippetsTest {
    private static final String PROMPT = "Reply with the word PONG and nothing else.";
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;
    /** What {@code key create} printed. */
    String printed;
    String keyId;

    @BeforeEach
    void start() throws IOException {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).replyText("PONG").build());
        service = ServiceHarness.start(dir.resolve("data"), Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer()));
        Path auth = Files.createDirectories(dir.resolve("auth"));
        for (String name : List.of("first.json", "second.json")) {
            FakeAccount account = fake.createAccount();
            Files.writeString(auth.resolve(name), account.tokens().codexAuthJson(Instant.now()));
        }
        Run imported = OperatorCli.against(service, "account", "import", auth.toString());
        assertThat(imported.out()).as(imported.err()).contains("2 created, 0 updated, 0 failed");
        Run created = OperatorCli.against(service, "key", "create", "laptop");
        assertThat(created.code()).as(created.err()).isZero();
        printed = created.out();
        Matcher id = Pattern.compile("Created key (\\S+) ").matcher(printed);
        assertThat(id.find()).as(printed).isTrue();
        keyId = id.group(1);
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    @Test
    void codex_cli_answers_through_the_gateway_with_the_printed_config_toml_and_export() throws Exception {
        Optional<Path> codex = ExternalCommand.find("CODEXMANAGER_TEST_CODEX", "codex");
        assumeTrue(codex.isPresent(), "no Codex CLI here (CODEXMANAGER_TEST_CODEX or codex on the PATH)");
        String snippet = section(printed, "# ~/.codex/config.toml", "# Claude Code");
        int shellPart = snippet.indexOf("# and in the shell that runs codex:");
        String configLines = snippet.substring(0, shellPart);
        Path home = Files.createDirectories(dir.resolve("codex-home"));
        // the user's own config around the pasted lines: top-level keys first, tables after the pasted table
        Files.writeString(home.resolve("config.toml"), String.join("\n",
                "approval_policy = \"never\"",
                "sandbox_mode = \"read-only\"",
                "check_for_update_on_startup = false",
                configLines,
                "[features]",
                "plugins = false",
                "[analytics]",
                "enabled = false", ""));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path answer = dir.resolve("answer.txt");

        String stdout = runInShell(exports(snippet.substring(shellPart)), Map.of("CODEX_HOME", home.toString(),
                "CLIENT", codex.get().toString(), "WORK", work.toString(), "ANSWER", answer.toString()),
                "exec \"$CLIENT\" exec --skip-git-repo-check --ephemeral --color never --sandbox read-only "
                        + "-C \"$WORK\" -o \"$ANSWER\" '" + PROMPT + "'");

        assertThat(configLines).contains("base_url = \"" + service.baseUrl() + "/v1\"");
        assertThat(Files.readString(answer, StandardCharsets.UTF_8).trim()).as(stdout).isEqualTo("PONG");
        assertThat(fake.requests(FakeUpstream.RESPONSES_PATH)).isNotEmpty();
        awaitRequestsWithTheKey();
    }

    @Test
    void claude_code_answers_through_the_gateway_with_the_printed_exports() throws Exception {
        Optional<Path> claude = ExternalCommand.find("CODEXMANAGER_TEST_CLAUDE", "claude");
        assumeTrue(claude.isPresent(), "no Claude Code here (CODEXMANAGER_TEST_CLAUDE or claude on the PATH)");
        String snippet = section(printed, "# Claude Code", "# OpenAI SDKs");
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("work"));

        String stdout = runInShell(exports(snippet), Map.of("HOME", home.toString(),
                "CLAUDE_CONFIG_DIR", home.resolve(".claude").toString(), "DISABLE_AUTOUPDATER", "1",
                "CLIENT", claude.get().toString()),
                "exec \"$CLIENT\" -p '" + PROMPT + "' --output-format text");

        assertThat(snippet).contains("export ANTHROPIC_BASE_URL=" + service.baseUrl() + "\n")
                .contains("\nclaude\n");
        assertThat(stdout.trim()).isEqualTo("PONG");
        awaitRequestsWithTheKey();
    }

    /** The printed text from the line starting with {@code from} up to (not including) the one with {@code to}. */
    private static String section(String printed, String from, String to) {
        int start = printed.indexOf(from);
        int end = printed.indexOf(to, start);
        assertThat(start).as(printed).isNotNegative();
        assertThat(end).as(printed).isPositive();
        return printed.substring(start, end);
    }

    /** The snippet's {@code export} lines, exactly as printed. */
    private static String exports(String snippet) {
        List<String> lines = snippet.lines().filter(line -> line.startsWith("export ")).toList();
        assertThat(lines).as(snippet).isNotEmpty();
        return String.join("\n", lines) + "\n";
    }

    /**
     * Runs {@code exports} then {@code command} in {@code /bin/sh} with the test's {@code env}, no inherited
     * ANTHROPIC_/CLAUDE_/CM_ variables, and stdin closed; returns stdout after a zero exit.
     */
    private String runInShell(String exports, Map<String, String> env, String command)
            throws IOException, InterruptedException {
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", exports + command)
                .directory(dir.resolve("work").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ANTHROPIC_") || name.startsWith("CLAUDE_")
                || name.startsWith("CM_") || name.startsWith("OPENAI_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the client did not finish within " + CLIENT_TIMEOUT.toSeconds() + " s: "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out + Files.readString(stderr, StandardCharsets.UTF_8)).isZero();
        return out;
    }

    /** The gateway logged the client's requests under the printed key (the log is written within 0.2 s). */
    private void awaitRequestsWithTheKey() {
        Await.until("requests with the printed key in the request log", Duration.ofSeconds(10),
                () -> service.rpc().call("apikey/usage", Map.of("id", keyId)).get("requests").getAsLong() > 0);
    }
}
