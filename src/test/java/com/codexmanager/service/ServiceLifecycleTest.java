package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.json.Json;
import com.codexmanager.server.PortInUseException;
import com.codexmanager.store.DataDirInUseException;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonObject;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void starts_from_an_empty_folder_and_creates_db_token_and_logs() {
        // reads or writes the H2 file and the data dir's key file directly
        org.junit.jupiter.api.Assumptions.assumeFalse(ServiceHarness.onPostgres());
        try (ServiceHarness harness = ServiceHarness.start(dir.resolve("data"))) {
            Path data = dir.resolve("data");

            assertThat(data.resolve("codexmanager.mv.db")).exists();
            assertThat(data.resolve("codexmanager.rpc-token")).exists();
            assertThat(data.resolve("logs")).isDirectory();
            assertThat(harness.rpcToken()).matches("[0-9a-f]{64}");
        }
    }

    @Test
    void health_answers_without_auth_and_without_secrets() {
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            HttpResponse<String> response = harness.get("/health");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonObject body = Json.object(response.body());
            assertThat(body.get("status").getAsString()).isEqualTo("ok");
            assertThat(body.has("version")).isTrue();
            assertThat(response.body()).doesNotContain(harness.rpcToken());
        }
    }

    @Test
    void migrations_run_from_empty_and_are_recorded() {
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            long applied = harness.service().database().sql()
                    .count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = TRUE");

            assertThat(applied).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void the_rpc_token_file_is_reused_across_restarts() {
        String first;
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            first = harness.rpcToken();
        }
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            assertThat(harness.rpcToken()).isEqualTo(first);
        }
    }

    @Test
    void token_from_the_environment_wins_and_no_file_is_written() {
        try (ServiceHarness harness = ServiceHarness.start(dir, Map.of("CODEXMANAGER_RPC_TOKEN", "team-token-1"))) {
            assertThat(harness.rpcToken()).isEqualTo("team-token-1");
            assertThat(dir.resolve("codexmanager.rpc-token")).doesNotExist();
        }
    }

    @Test
    void a_second_service_on_the_same_database_gets_a_clear_in_use_error() {
        try (ServiceHarness first = ServiceHarness.start(dir)) {
            assertThatThrownBy(() -> ServiceHarness.start(dir))
                    .isInstanceOf(DataDirInUseException.class)
                    .hasMessageContaining("already in use by PID " + ProcessHandle.current().pid())
                    .hasMessageContaining("service 127.0.0.1:0");

            assertThat(first.get("/health").statusCode()).isEqualTo(200);
        }
        try (ServiceHarness again = ServiceHarness.start(dir)) {
            assertThat(again.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void port_in_use_names_the_variable_and_leaves_the_database_unlocked() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String addr = "127.0.0.1:" + taken.getLocalPort();

            assertThatThrownBy(() -> ServiceHarness.start(dir, Map.of("CODEXMANAGER_SERVICE_ADDR", addr)))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("CODEXMANAGER_SERVICE_ADDR")
                    .hasMessageContaining(addr);
        }
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            assertThat(harness.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unknown_paths_get_a_json_404() {
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            HttpResponse<String> response = harness.get("/nothing/here");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(Json.object(response.body()).getAsJsonObject("error").get("code").getAsString())
                    .isEqualTo("not_found");
        }
    }

    @Test
    void the_data_dir_contains_no_rpc_token_outside_its_own_file() throws Exception {
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            harness.rpc().call("initialize");
        }
        String token = Files.readString(dir.resolve("codexmanager.rpc-token")).trim();
        Files.delete(dir.resolve("codexmanager.rpc-token"));

        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(p.toString()).doesNotContain(token);
            }
        }
    }
}
