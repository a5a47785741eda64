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

/** The packaged jar: {@code serve} loads no AWT class, and desktop mode without a display runs the service only. */
class DesktopProcessIT {
    @TempDir
    Path home;

    @Test
    void serve_loads_no_awt_or_swing_class() throws Exception {
        Path classLog = home.resolve("classes.log");
        Process process = start(List.of("-Xlog:class+load=info:file=" + classLog, "-jar", jar(), "serve"), true);
        try {
            awaitHealth(process);
        } finally {
            stop(process);
        }
        String loaded = Files.readString(classLog);
        assertThat(loaded).contains("com.codexmanager.service.CodexManagerService");
        assertThat(loaded).doesNotContain("java.awt.").doesNotContain("javax.swing.").doesNotContain("sun.awt.")
                .doesNotContain("com.codexmanager.desktop.");
    }

    @Test
    void desktop_mode_without_a_display_runs_the_service_only_and_says_why() throws Exception {
        Process process = start(List.of("-jar", jar()), false);
        try {
            awaitHealth(process);
        } finally {
            stop(process);
        }
        assertThat(Files.readString(home.resolve("out.log")))
                .contains("no DISPLAY is set; running the service only");
    }

    private int port;

    private Process start(List<String> args, boolean keepDisplay) throws IOException {
        port = freePort();
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Duser.home=" + home);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("out.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CODEXMANAGER_"));
        if (!keepDisplay) {
            builder.environment().remove("DISPLAY");
            builder.environment().remove("WAYLAND_DISPLAY");
        }
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("XDG_DATA_HOME");
        builder.environment().put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:" + port);
        return builder.start();
    }

    private void awaitHealth(Process process) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("process alive").isTrue();
            try {
                assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new AssertionError("no /health answer within 30 s");
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String jar() {
        return System.getProperty("codexmanager.jar");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
