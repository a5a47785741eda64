package com.codexmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, taken from the README text itself: the blocks after {@code <!-- quickstart:NAME -->}
 * markers are parsed and run as written (split at {@code &&}, one line per command), so the README cannot drift from
 * what works. Package installation is checked instead of run (it needs root and the network): every package the
 * install step names must be installed here, as CI's machine has them. The service talks to the fake upstream and
 * listens on a free port; both are passed as the environment variables a user could set, never by editing the
 * commands.
 */
class ReadmeQuickStartIT {
    private static final Path README = Path.of("README.md");
    private static final Pattern BLOCK = Pattern.compile("<!-- quickstart:([a-z]+) -->\\s*```sh\\n(.*?)```",
            Pattern.DOTALL);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path home;

    /** The quick-start blocks by marker name, each a list of commands. */
    private static Map<String, List<String>> blocks() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            List<String> commands = new ArrayList<>();
            for (String line : m.group(2).split("\n")) {
                String command = line.strip();
                if (!command.isEmpty() && !command.startsWith("#")) {
                    commands.add(command);
                }
            }
            out.put(m.group(1), commands);
        }
        return out;
    }

    private static List<String> steps(String command) {
        return Arrays.stream(command.split("&&")).map(String::strip).toList();
    }

    @Test
    void the_quick_start_has_no_bare_sudo_installs_what_the_tests_need_and_its_test_command_is_what_ci_runs()
            throws Exception {
        Map<String, List<String>> blocks = blocks();

        assertThat(blocks).containsKeys("run", "test", "next", "key");
        List<String> run = steps(blocks.get("run").get(0));
        assertThat(run).noneMatch(step -> step.startsWith("sudo"));
        String install = run.stream().filter(step -> step.startsWith("apt-get install")).findFirst().orElseThrow();
        List<String> packages = Arrays.stream(install.split("\\s+")).skip(2).filter(w -> !w.startsWith("-"))
                .toList();
        assertThat(packages).contains("maven", "xvfb");
        assertThat(blocks.get("test")).containsExactly("xvfb-run -a mvn -B verify");
        assertThat(Files.readString(Path.of(".ci", "run"))).contains("\n" + blocks.get("test").get(0) + "\n");
        Assumptions.assumeTrue(onPath("dpkg-query"), "not a Debian-family machine: package names not checked");
        for (String pkg : packages) {
            Process query = new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", pkg).redirectErrorStream(true)
                    .start();
            String status = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(query.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(status).as("package " + pkg + " named by the README's install step").contains("installed");
        }
    }

    @Test
    void the_quick_start_builds_and_serves_and_the_next_steps_add_accounts_and_a_working_key() throws Exception {
        Map<String, List<String>> blocks = blocks();
        List<String> run = steps(blocks.get("run").get(0));
        String build = run.stream().filter(step -> step.startsWith("mvn ")).findFirst().orElseThrow();
        String serve = run.get(run.size() - 1);
        assertThat(serve).startsWith("java -jar ").endsWith(" serve");

        assertThat(shell(build, Map.of(), BUILD_TIMEOUT).code()).as(build).isZero();

        try (FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false)
                .deviceIntervalSeconds(0).build())) {
            int port = freePort();
            Map<String, String> env = Map.of(
                    "CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:" + port,
                    "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                    "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                    "CODEXMANAGER_ISSUER", fake.issuer());
            Process service = start(serve, env, home.resolve("serve.log"));
            try {
                awaitHealth(port, service);
                FakeAccount imported = fake.createAccount(AccountSpec.builder().email("imported@example.test").build());
                Files.createDirectories(home.resolve(".codex"));
                Files.writeString(home.resolve(".codex").resolve("auth.json"),
                        imported.tokens().codexAuthJson(Instant.now()));
                fake.signInAs(fake.createAccount(AccountSpec.builder().email("device@example.test").build()));

                for (String command : blocks.get("next")) {
                    Result result = command.contains("login --device") ? deviceLogin(command, env, fake)
                            : shell(command, env, COMMAND_TIMEOUT);
                    assertThat(result.code()).as(command + "\n" + result.output()).isZero();
                }
                String key = null;
                for (String command : blocks.get("key")) {
                    Result result = shell(command, env, COMMAND_TIMEOUT);
                    assertThat(result.code()).as(command + "\n" + result.output()).isZero();
                    Matcher printed = Pattern.compile("export CM_GATEWAY_KEY=(cmk_\\S+)").matcher(result.output());
                    if (printed.find()) {
                        key = printed.group(1);
                    }
                    if (command.endsWith(" status")) {
                        assertThat(result.output()).contains("Accounts  2 (2 active)");
                    }
                }
                assertThat(key).as("the key printed by key create").isNotNull();
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/responses")).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5.5\",\"input\":\"hi\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            } finally {
                stop(service);
            }
        }
    }

    private Result deviceLogin(String command, Map<String, String> env, FakeUpstream fake) throws Exception {
        Path log = home.resolve("login.log");
        Process login = start(command, env, log);
        Await.until("a device code at the issuer", Duration.ofSeconds(60), () -> !fake.pendingDeviceCodes().isEmpty());
        fake.approveDevice(fake.pendingDeviceCodes().get(0));
        boolean ended = login.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            stop(login);
        }
        return new Result(ended ? login.exitValue() : -1, Files.readString(log));
    }

    /** A command's exit code and its merged output. */
    private record Result(int code, String output) {
    }

    private Result shell(String command, Map<String, String> env, Duration timeout) throws Exception {
        Path log = Files.createTempFile(home, "command", ".log");
        Process process = start(command, env, log);
        boolean ended = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            stop(process);
        }
        return new Result(ended ? process.exitValue() : -1, Files.readString(log));
    }

    /**
     * Runs {@code command} with {@code sh} in the project folder, as a user would in a terminal there; HOME and the
     * data dir point into the test's temporary folder.
     */
    private Process start(String command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(Path.of("").toAbsolutePath().toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CODEXMANAGER_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * Stops a command and everything it started: {@code sh -c} may run the command as a child instead of replacing
     * itself, and a SIGTERM to the shell alone would leave that child (a running service) behind.
     */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                child.destroyForcibly();
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void awaitHealth(int port, Process process) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited early with " + process.exitValue());
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new AssertionError("no /health answer within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
