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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void serve_on_postgresql_without_the_shared_key_exits_2_with_the_recipe_for_one(@TempDir Path dir) {
        org.junit.jupiter.api.Assumptions.assumeTrue(com.codexmanager.testkit.PostgresServer.available());
        java.util.Map<String, String> env = new java.util.HashMap<>(
                com.codexmanager.testkit.ServiceHarness.postgresEnv());
        env.remove("CODEXMANAGER_SECRET_KEY");
        env.put("CODEXMANAGER_DB_PATH", dir.resolve("codexmanager.mv.db").toString());
        env.put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:0");

        int code = Main.run(new String[] {"serve"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);

        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isEqualTo(2);
        assertThat(printed).contains("CODEXMANAGER_SECRET_KEY").contains("head -c 32 /dev/urandom");
        assertThat(dir.resolve("codexmanager.key")).doesNotExist();
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
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("codexmanager: Unknown option: '--frobnicate'")
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

        Map<String, String> env = Launcher.loadEnvironment(Optional.of(file),
                Map.of("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:2")).variables();

        assertThat(env).containsEntry("CODEXMANAGER_ROUTE_STRATEGY", "balanced")
                .containsEntry("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost:99999 | has port 99999, outside 0-65535",
        "notaport        | is not host:port (e.g. localhost:48760, 0.0.0.0:48760)"})
    void an_invalid_service_address_in_the_env_file_stops_start_up_with_two_naming_variable_value_and_file(
            String address, String why, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.env");
        Files.writeString(file, "CODEXMANAGER_SERVICE_ADDR=" + address + "\n");

        assertThat(run("serve", "--env-file", file.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("CODEXMANAGER_SERVICE_ADDR='" + address + "'")
                .contains("from " + file.toAbsolutePath()).contains(why).doesNotContain("\tat ");
    }

    @Test
    void a_database_path_that_cannot_be_created_stops_start_up_with_two_naming_the_variable(@TempDir Path dir)
            throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = dir.resolve("bad.env");
        Files.writeString(file, "CODEXMANAGER_SERVICE_ADDR=127.0.0.1:0\nCODEXMANAGER_DB_PATH="
                + notAFolder.resolve("sub").resolve("codexmanager.mv.db") + "\n");

        assertThat(run("serve", "--env-file", file.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("CODEXMANAGER_DB_PATH=")
                .contains("from " + file.toAbsolutePath()).contains("cannot be created");
    }
}
