package com.codexmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void help_prints_usage_and_exits_zero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: codexmanager").contains("serve");
    }

    @Test
    void version_prints_the_version() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("codexmanager ");
    }

    @Test
    void unknown_argument_prints_usage_and_exits_two() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument: --frobnicate")
                .contains("Usage:");
    }

    @Test
    void env_file_without_path_exits_two() {
        assertThat(run("serve", "--env-file")).isEqualTo(2);
    }

    @Test
    void missing_env_file_exits_two() {
        assertThat(run("serve", "--env-file", "/no/such/file.env")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/no/such/file.env");
    }

    @Test
    void explicit_env_file_is_loaded_without_overriding_the_process(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("custom.env");
        Files.writeString(file, "CODEXMANAGER_ROUTE_STRATEGY=balanced\nCODEXMANAGER_SERVICE_ADDR=0.0.0.0:1\n");

        Map<String, String> env = Main.loadEnvironment(Optional.of(file),
                Map.of("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:2"));

        assertThat(env).containsEntry("CODEXMANAGER_ROUTE_STRATEGY", "balanced")
                .containsEntry("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:2");
    }
}
