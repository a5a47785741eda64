package com.codexmanager.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.MutableClock;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Refused {@code apikey/*} calls. They store nothing, so one service serves the whole class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyValidationRpcTest {
    private static final Instant START = Instant.parse("2026-05-01T10:00:00Z");

    private ServiceHarness harness;
    private RpcTestClient rpc;

    @BeforeAll
    void start(@TempDir Path dir) {
        harness = ServiceHarness.start(dir, Map.of(), new MutableClock(START));
        rpc = harness.rpc();
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private JsonObject create(Map<String, Object> params) {
        return rpc.call("apikey/create", params);
    }

    static Stream<Arguments> badCreations() {
        return Stream.of(
                Arguments.of(Map.of("protocolType", "openai"), "name"),
                Arguments.of(Map.of("name", " ", "protocolType", "openai"), "name"),
                Arguments.of(Map.of("name", "a"), "protocolType"),
                Arguments.of(Map.of("name", "a", "protocolType", "gemini"), "protocolType"),
                Arguments.of(Map.of("name", "a", "protocolType", "openai", "reasoningEffort", "max"),
                        "reasoningEffort"),
                Arguments.of(Map.of("name", "a", "protocolType", "openai", "modelSlug", "gpt 5"), "modelSlug"),
                Arguments.of(Map.of("name", "a", "protocolType", "openai", "modelSlug", "x",
                        "allowedModels", List.of("y")), "modelSlug"),
                Arguments.of(Map.of("name", "a", "protocolType", "openai", "allowedModels", List.of("")),
                        "allowedModels[0]"),
                Arguments.of(Map.of("name", "a", "protocolType", "openai", "allowedModels", "gpt-5.5"),
                        "allowedModels"),
                Arguments.of(Map.of("name", "a", "protocolType", "openai",
                        "expiresAt", START.getEpochSecond() - 1), "expiresAt"),
                Arguments.of(Map.of("name", "a", "protocolType", "openai", "upstreamBaseUrl", "https://x.test"),
                        "upstreamBaseUrl"),
                Arguments.of(Map.of("name", "a", "protocolType", "openai", "azureApiKey", "k"), "azureApiKey"),
                Arguments.of(Map.of("name", "a", "protocolType", "azure_openai", "azureApiKey", "k"),
                        "upstreamBaseUrl"),
                Arguments.of(Map.of("name", "a", "protocolType", "azure_openai", "azureApiKey", "k",
                        "upstreamBaseUrl", "ftp://res.test"), "upstreamBaseUrl"),
                Arguments.of(Map.of("name", "a", "protocolType", "azure_openai", "azureApiKey", "k",
                        "upstreamBaseUrl", "https://user:pw@res.test"), "upstreamBaseUrl"),
                Arguments.of(Map.of("name", "a", "protocolType", "azure_openai",
                        "upstreamBaseUrl", "https://res.test"), "azureApiKey"));
    }

    @ParameterizedTest
    @MethodSource("badCreations")
    void bad_input_is_refused_naming_the_field_and_stores_nothing(Map<String, Object> params, String field) {
        assertThatThrownBy(() -> create(params)).isInstanceOfSatisfying(RpcCallFailed.class, e -> {
            assertThat(e.code()).isEqualTo(-32602);
            assertThat(e.data().getAsJsonObject().get("field").getAsString()).isEqualTo(field);
        });

        assertThat(rpc.call("apikey/list").getAsJsonArray("items")).isEmpty();
    }

    @Test
    void unknown_ids_are_not_found() {
        for (String method : List.of("apikey/disable", "apikey/enable", "apikey/delete", "apikey/models",
                "apikey/update")) {
            assertThatThrownBy(() -> rpc.call(method, Map.of("id", "gk_missing")))
                    .as(method).isInstanceOfSatisfying(RpcCallFailed.class, e -> {
                        assertThat(e.code()).isEqualTo(-32004);
                        assertThat(e.getMessage()).contains("gk_missing");
                    });
        }
    }

    @Test
    void rpc_methods_publish_their_parameters() {
        JsonArray methods = rpc.call("rpc/methods").getAsJsonArray("methods");

        List<String> names = methods.asList().stream().map(JsonElement::getAsJsonObject)
                .map(m -> m.get("name").getAsString()).filter(n -> n.startsWith("apikey/")).toList();
        assertThat(names).containsExactlyInAnyOrder("apikey/create", "apikey/list", "apikey/update",
                "apikey/disable", "apikey/enable", "apikey/delete", "apikey/models", "apikey/usage");
    }
}
