package com.codexmanager.desktop.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.desktop.EmbeddedService;
import com.codexmanager.desktop.FocusRequests;
import com.codexmanager.module.ServiceOptions;
import com.codexmanager.testkit.RpcTestClient;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop's side of the RPC contract ({@link RpcCall}) against the method table of the real service as the
 * desktop embeds it ({@code rpc/methods}, including {@code desktop/show}): a method or parameter renamed on either
 * side fails here, even while the service still ignores parameters it does not know.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RpcContractTest {
    @TempDir
    static Path dataDir;

    private EmbeddedService service;
    /** Declared parameters per method: name → required. */
    private final Map<String, Map<String, Boolean>> table = new HashMap<>();

    @BeforeAll
    void start() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CODEXMANAGER_DB_PATH", dataDir.resolve("codexmanager.mv.db").toString());
        env.put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:0");
        env.put("CODEXMANAGER_DISABLE_POLLING", "1");
        service = EmbeddedService.startNow(ServiceOptions.forTest(env, Clock.systemUTC()), new FocusRequests());
        RpcTestClient rpc = RpcTestClient.of(service.endpoint().baseUrl(), service.endpoint().token());
        for (JsonElement m : rpc.call("rpc/methods").getAsJsonArray("methods")) {
            Map<String, Boolean> params = new LinkedHashMap<>();
            for (JsonElement p : m.getAsJsonObject().getAsJsonArray("params")) {
                JsonObject param = p.getAsJsonObject();
                params.put(param.get("name").getAsString(), param.get("required").getAsBoolean());
            }
            table.put(m.getAsJsonObject().get("name").getAsString(), params);
        }
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void every_method_the_desktop_calls_exists_in_the_service() {
        Set<String> missing = new TreeSet<>();
        for (RpcCall call : RpcCall.values()) {
            if (!table.containsKey(call.method())) {
                missing.add(call.method());
            }
        }

        assertThat(missing).as("methods the desktop calls that the service does not have").isEmpty();
    }

    @Test
    void every_parameter_the_desktop_may_send_is_declared_by_the_service() {
        Set<String> unknown = new TreeSet<>();
        for (RpcCall call : RpcCall.values()) {
            Map<String, Boolean> declared = table.getOrDefault(call.method(), Map.of());
            call.params().stream().filter(p -> !declared.containsKey(p))
                    .forEach(p -> unknown.add(call.method() + " " + p));
        }

        assertThat(unknown).as("parameters the service would not read").isEmpty();
    }

    @Test
    void every_required_parameter_of_a_called_method_is_one_the_desktop_can_send() {
        Set<String> unsendable = new TreeSet<>();
        for (RpcCall call : RpcCall.values()) {
            table.getOrDefault(call.method(), Map.of()).forEach((name, required) -> {
                if (required && !call.params().contains(name)) {
                    unsendable.add(call.method() + " " + name);
                }
            });
        }

        assertThat(unsendable).as("required parameters the desktop never sends").isEmpty();
    }

    @Test
    void the_client_refuses_a_parameter_its_call_does_not_declare() {
        JsonObject params = new JsonObject();
        params.addProperty("accountGroupFilter", "IMPORT");

        try (RpcClient client = new RpcClient(service::endpoint)) {
            assertThatThrownBy(() -> client.call(RpcCall.KEY_CREATE, params))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("apikey/create does not declare the parameter accountGroupFilter");
        }
    }

    @Test
    void each_call_is_declared_once() {
        Set<String> methods = new HashSet<>();
        for (RpcCall call : RpcCall.values()) {
            assertThat(methods.add(call.method())).as(call.method()).isTrue();
        }
    }
}
