package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings transparency: where each value came from, and what the log says about the env file. */
class SettingsOriginTest {
    @TempDir
    Path dir;

    private static JsonObject item(JsonObject view, String key) {
        for (JsonElement e : view.getAsJsonArray("settings")) {
            if (e.getAsJsonObject().get("key").getAsString().equals(key)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no setting " + key);
    }

    private Path envFile(String... lines) throws Exception {
        Path file = dir.resolve("codexmanager.env");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void values_from_the_env_file_say_envFile_with_its_path_and_environment_values_say_environment()
            throws Exception {
        Path file = envFile("CODEXMANAGER_ROUTE_STRATEGY=balanced", "CODEXMANAGER_USAGE_POLL_INTERVAL_SECS=60");

        try (ServiceHarness harness = ServiceHarness.startWithEnvFile(dir.resolve("data"),
                Map.of("CODEXMANAGER_USAGE_POLL_INTERVAL_SECS", "120"), file)) {
            JsonObject view = harness.rpc().call("appSettings/get");

            JsonObject strategy = item(view, "routeStrategy");
            assertThat(strategy.get("source").getAsString()).isEqualTo("envFile");
            assertThat(strategy.get("sourcePath").getAsString()).isEqualTo(file.toString());
            assertThat(strategy.get("pinnedByEnv").getAsBoolean()).isTrue();
            assertThat(strategy.get("editable").getAsBoolean()).isFalse();
            JsonObject poll = item(view, "usagePollIntervalSecs");
            assertThat(poll.get("source").getAsString()).isEqualTo("environment");
            assertThat(poll.get("value").getAsLong()).isEqualTo(120);
            assertThat(poll.get("sourcePath").isJsonNull()).isTrue();
            assertThatThrownBy(() -> harness.rpc().call("appSettings/set", Map.of("routeStrategy", "ordered")))
                    .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.getMessage())
                            .contains("CODEXMANAGER_ROUTE_STRATEGY").contains(file.toString()));
        }
    }

    @Test
    void the_log_names_the_env_file_its_count_the_overridden_keys_and_each_bad_line() throws Exception {
        Path file = envFile("CODEXMANAGER_ROUTE_STRATEGY=balanced", "CODEXMANAGER_USAGE_POLL_INTERVAL_SECS=60",
                "oops no equals", "CODEXMANAGER_ROUT_STRATEGY=ordered");

        try (ServiceHarness harness = ServiceHarness.startWithEnvFile(dir.resolve("data"),
                Map.of("CODEXMANAGER_USAGE_POLL_INTERVAL_SECS", "120"), file)) {
            harness.rpc().call("initialize");
        }

        String log = Files.readString(dir.resolve("data").resolve("logs").resolve("codexmanager.log"));
        assertThat(log).contains("Settings file " + file + ": 2 variables applied; ignored because the "
                + "environment already sets them: CODEXMANAGER_USAGE_POLL_INTERVAL_SECS")
                .contains(file + ":3: no NAME=value here")
                .contains(file + ":4: CODEXMANAGER_ROUT_STRATEGY is not a known setting");
    }
}
