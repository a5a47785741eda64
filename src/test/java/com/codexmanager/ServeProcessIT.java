package com.codexmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user would: {@code java -jar target/codexmanager.jar serve} with no settings. */
class ServeProcessIT {
    @TempDir
    Path home;

    @Test
    void serve_with_no_settings_starts_answers_health_and_stops_cleanly_on_sigterm() throws Exception {
        int port = freePort();
        Path log = home.resolve("serve.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary(), "-Duser.home=" + home, "-jar", System.getProperty("codexmanager.jar"),
                "serve"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CODEXMANAGER_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("XDG_DATA_HOME");
        // The only setting: a free port, because 48760 may be in use on a developer machine.
        builder.environment().put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:" + port);
        Process process = builder.start();
        try {
            HttpResponse<String> health = awaitHealth(port, process);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"");

            Path dataDir = home.resolve(".local/share/codexmanager");
            assertThat(dataDir.resolve("codexmanager.mv.db")).exists();
            assertThat(dataDir.resolve("codexmanager.rpc-token")).exists();

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            assertThat(Files.readString(log)).contains("CodexManager stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void unknown_argument_exits_with_two() throws Exception {
        Process process = new ProcessBuilder(javaBinary(), "-jar", System.getProperty("codexmanager.jar"), "--nope")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("Usage:");
    }

    private static HttpResponse<String> awaitHealth(int port, Process process) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("service exited early with " + process.exitValue());
            }
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new AssertionError("no /health answer within 30 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
