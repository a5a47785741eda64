package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsRpcTest {
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

    @Test
    void get_lists_every_setting_with_source_and_editability() {
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            JsonObject view = harness.rpc().call("appSettings/get");

            assertThat(view.getAsJsonObject("values").get("routeStrategy").getAsString()).isEqualTo("ordered");
            JsonObject strategy = item(view, "routeStrategy");
            assertThat(strategy.get("source").getAsString()).isEqualTo("default");
            assertThat(strategy.get("editable").getAsBoolean()).isTrue();
            assertThat(item(view, "dbPath").get("editable").getAsBoolean()).isFalse();
            assertThat(item(view, "serviceAddr").get("pinnedByEnv").getAsBoolean()).isTrue();
        }
    }

    @Test
    void secrets_are_never_returned() {
        try (ServiceHarness harness = ServiceHarness.start(dir, Map.of("CODEXMANAGER_UPSTREAM_COOKIE",
                "cf_clearance=supersecretcookie"))) {
            JsonObject view = harness.rpc().call("appSettings/get");

            assertThat(view.toString()).doesNotContain("supersecretcookie").doesNotContain(harness.rpcToken());
            assertThat(item(view, "upstreamCookie").get("isSet").getAsBoolean()).isTrue();
        }
    }

    @Test
    void set_persists_across_restarts() {
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            JsonObject view = harness.rpc().call("appSettings/set", Map.of("routeStrategy", "rr",
                    "usagePollIntervalSecs", 120, "uiTheme", "dark"));

            assertThat(view.getAsJsonObject("values").get("routeStrategy").getAsString()).isEqualTo("balanced");
        }
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            JsonObject values = harness.rpc().call("appSettings/get").getAsJsonObject("values");

            assertThat(values.get("routeStrategy").getAsString()).isEqualTo("balanced");
            assertThat(values.get("usagePollIntervalSecs").getAsLong()).isEqualTo(120);
            assertThat(values.get("uiTheme").getAsString()).isEqualTo("dark");
            assertThat(harness.service().appSettings().current().source(com.codexmanager.config.Setting.UI_THEME))
                    .isEqualTo(com.codexmanager.config.SettingSource.STORED);
        }
    }

    @Test
    void null_clears_a_stored_value() {
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            harness.rpc().call("appSettings/set", Map.of("routeStrategy", "balanced"));
            JsonObject patch = new JsonObject();
            patch.add("routeStrategy", com.google.gson.JsonNull.INSTANCE);

            JsonObject view = harness.rpc().call("appSettings/set", patch);

            assertThat(item(view, "routeStrategy").get("source").getAsString()).isEqualTo("default");
        }
    }

    @Test
    void db_path_and_rpc_token_cannot_be_changed_over_rpc() {
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            for (String key : new String[] {"dbPath", "rpcToken", "CODEXMANAGER_DB_PATH"}) {
                assertThatThrownBy(() -> harness.rpc().call("appSettings/set", Map.of(key, "/tmp/x")))
                        .isInstanceOfSatisfying(RpcCallFailed.class, e -> {
                            assertThat(e.code()).isEqualTo(-32602);
                            assertThat(e.getMessage()).contains(key).contains("environment variable");
                        });
            }
        }
    }

    @Test
    void environment_pinned_values_are_refused_with_the_variable_name() {
        try (ServiceHarness harness = ServiceHarness.start(dir, Map.of("CODEXMANAGER_ROUTE_STRATEGY", "balanced"))) {
            assertThatThrownBy(() -> harness.rpc().call("appSettings/set", Map.of("routeStrategy", "ordered")))
                    .isInstanceOfSatisfying(RpcCallFailed.class,
                            e -> assertThat(e.getMessage()).contains("CODEXMANAGER_ROUTE_STRATEGY"));
        }
    }

    @Test
    void a_bad_entry_saves_nothing() {
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            assertThatThrownBy(() -> harness.rpc().call("appSettings/set",
                    Map.of("routeStrategy", "balanced", "uiTheme", "purple")))
                    .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.getMessage()).contains("uiTheme:"));

            assertThat(harness.rpc().call("appSettings/get").getAsJsonObject("values").get("routeStrategy")
                    .getAsString()).isEqualTo("ordered");
        }
    }

    @Test
    void unknown_keys_are_rejected() {
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            assertThatThrownBy(() -> harness.rpc().call("appSettings/set", Map.of("colour", "red")))
                    .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.code()).isEqualTo(-32602));
        }
    }
}
