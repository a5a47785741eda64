package com.codexmanager.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.MutableClock;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyRpcTest {
    private static final Instant START = Instant.parse("2026-05-01T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private ServiceHarness harness;
    private RpcTestClient rpc;

    @BeforeEach
    void start() {
        harness = ServiceHarness.start(dir, Map.of(), clock);
        rpc = harness.rpc();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private KeyService keys() {
        return harness.service().module(ApiKeysModule.class).orElseThrow().keys();
    }

    private JsonObject create(Map<String, Object> params) {
        return rpc.call("apikey/create", params);
    }

    private JsonObject onlyItem() {
        JsonArray items = rpc.call("apikey/list").getAsJsonArray("items");
        assertThat(items).hasSize(1);
        return items.get(0).getAsJsonObject();
    }

    private static KeyRejection rejection(KeyAuthResult result) {
        assertThat(result).isInstanceOf(KeyAuthResult.Rejected.class);
        return ((KeyAuthResult.Rejected) result).reason();
    }

    @Test
    void create_returns_a_prefixed_random_key_once_and_list_shows_no_secret() {
        JsonObject created = create(Map.of("name", "laptop", "protocolType", "openai"));

        String key = created.get("key").getAsString();
        assertThat(key).startsWith("cmk_").hasSize(4 + 43);
        assertThat(created.get("id").getAsString()).startsWith("gk_");
        JsonObject item = onlyItem();
        assertThat(item.get("name").getAsString()).isEqualTo("laptop");
        assertThat(item.get("status").getAsString()).isEqualTo("active");
        assertThat(item.get("protocolType").getAsString()).isEqualTo("openai");
        assertThat(key).startsWith(item.get("keyPrefix").getAsString());
        assertThat(item.get("keyPrefix").getAsString()).hasSize(12);
        assertThat(rpc.call("apikey/list").toString()).doesNotContain(key).doesNotContain(KeySecrets.sha256Hex(key));
        assertThat(create(Map.of("name", "other", "protocolType", "openai")).get("key").getAsString())
                .isNotEqualTo(key);
    }

    @Test
    void only_the_hash_of_a_key_reaches_the_database_file() {
        // reads the H2 file and the data dir's key file; the PostgreSQL pass checks its tables in PostgresSmokeTest
        org.junit.jupiter.api.Assumptions.assumeFalse(ServiceHarness.onPostgres());
        String key = create(Map.of("name", "laptop", "protocolType", "anthropic")).get("key").getAsString();
        harness.close();

        String files = harness.allFilesAsText();

        assertThat(files).contains(KeySecrets.sha256Hex(key));
        assertThat(files).doesNotContain(key).doesNotContain(key.substring(12));
        harness = ServiceHarness.start(dir, Map.of(), clock);
        assertThat(keys().authenticate(key)).isInstanceOf(KeyAuthResult.Accepted.class);
    }

    @Test
    void authenticate_accepts_a_key_and_types_every_refusal() {
        String key = create(Map.of("name", "laptop", "protocolType", "openai",
                "expiresAt", START.plus(Duration.ofDays(1)).getEpochSecond())).get("key").getAsString();
        String id = onlyItem().get("id").getAsString();

        KeyAuthResult accepted = keys().authenticate(key);

        assertThat(accepted).isInstanceOfSatisfying(KeyAuthResult.Accepted.class, a -> {
            assertThat(a.key().id()).isEqualTo(id);
            assertThat(a.key().protocolType()).isEqualTo(ProtocolType.OPENAI);
            assertThat(a.key().toString()).doesNotContain(key);
        });
        assertThat(rejection(keys().authenticate(null))).isEqualTo(KeyRejection.MISSING);
        assertThat(rejection(keys().authenticate(""))).isEqualTo(KeyRejection.MISSING);
        assertThat(rejection(keys().authenticate(key + "x"))).isEqualTo(KeyRejection.UNKNOWN);
        assertThat(rejection(keys().authenticate("x".repeat(10_000)))).isEqualTo(KeyRejection.UNKNOWN);
        rpc.call("apikey/disable", Map.of("id", id));
        assertThat(rejection(keys().authenticate(key))).isEqualTo(KeyRejection.DISABLED);
        assertThat(onlyItem().get("status").getAsString()).isEqualTo("disabled");
        rpc.call("apikey/enable", Map.of("id", id));
        assertThat(keys().authenticate(key)).isInstanceOf(KeyAuthResult.Accepted.class);
        clock.advance(Duration.ofDays(1));
        assertThat(rejection(keys().authenticate(key))).isEqualTo(KeyRejection.EXPIRED);
        assertThat(onlyItem().get("status").getAsString()).isEqualTo("expired");
        rpc.call("apikey/delete", Map.of("id", id));
        assertThat(rejection(keys().authenticate(key))).isEqualTo(KeyRejection.UNKNOWN);
        assertThat(rpc.call("apikey/list").getAsJsonArray("items")).isEmpty();
    }

    @Test
    void update_changes_the_policy_and_a_null_field_clears_it() {
        String key = create(Map.of("name", "ci", "protocolType", "openai", "modelSlug", "gpt-5.5",
                "reasoningEffort", "high", "accountGroup", "team-a")).get("key").getAsString();
        String id = onlyItem().get("id").getAsString();
        JsonObject patch = new JsonObject();
        patch.addProperty("id", id);
        patch.addProperty("name", "ci-2");
        patch.add("modelSlug", JsonNull.INSTANCE);
        JsonArray allowed = new JsonArray();
        allowed.add("gpt-5.4");
        allowed.add("gpt-5.4-mini");
        patch.add("allowedModels", allowed);
        patch.addProperty("reasoningEffort", "follow");

        JsonObject updated = rpc.call("apikey/update", patch).getAsJsonObject("item");

        assertThat(updated.get("name").getAsString()).isEqualTo("ci-2");
        assertThat(updated.get("modelSlug").isJsonNull()).isTrue();
        assertThat(updated.get("reasoningEffort").isJsonNull()).isTrue();
        assertThat(updated.get("accountGroup").getAsString()).isEqualTo("team-a");
        assertThat(onlyItem().getAsJsonArray("allowedModels").toString()).isEqualTo("[\"gpt-5.4\",\"gpt-5.4-mini\"]");
        KeyPolicy policy = ((KeyAuthResult.Accepted) keys().authenticate(key)).key().policy();
        assertThat(policy.resolveModel("gpt-5.5")).isInstanceOf(KeyPolicy.ModelRejected.class);
        assertThat(policy.resolveModel("GPT-5.4")).isInstanceOf(KeyPolicy.ModelAllowed.class);
    }

    @Test
    void models_lists_what_a_key_may_use() {
        String forced = create(Map.of("name", "a", "protocolType", "openai", "modelSlug", "gpt-5.4"))
                .get("id").getAsString();
        String limited = create(Map.of("name", "b", "protocolType", "openai",
                "allowedModels", List.of("gpt-5.5", "my-custom"))).get("id").getAsString();
        String open = create(Map.of("name", "c", "protocolType", "openai")).get("id").getAsString();

        assertThat(slugs(rpc.call("apikey/models", Map.of("id", forced)))).containsExactly("gpt-5.4");
        assertThat(slugs(rpc.call("apikey/models", Map.of("id", limited)))).containsExactly("gpt-5.5", "my-custom");
        assertThat(slugs(rpc.call("apikey/models", Map.of("id", open)))).contains("gpt-5.5", "gpt-5.4-mini");
        assertThat(slugs(rpc.call("apikey/models"))).isEqualTo(slugs(rpc.call("apikey/models", Map.of("id", open))));
    }

    private static List<String> slugs(JsonObject result) {
        return result.getAsJsonArray("items").asList().stream()
                .map(e -> e.getAsJsonObject().get("slug").getAsString()).toList();
    }

    @Test
    void last_used_at_is_written_at_most_once_a_minute() {
        String key = create(Map.of("name", "a", "protocolType", "openai")).get("key").getAsString();
        String id = ((KeyAuthResult.Accepted) keys().authenticate(key)).key().id();
        assertThat(onlyItem().get("lastUsedAt").isJsonNull()).isTrue();

        assertThat(keys().recordUse(id)).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(keys().recordUse(id)).isFalse();
        assertThat(onlyItem().get("lastUsedAt").getAsLong()).isEqualTo(START.getEpochSecond());
        clock.advance(Duration.ofSeconds(1));
        assertThat(keys().recordUse(id)).isTrue();

        assertThat(onlyItem().get("lastUsedAt").getAsLong()).isEqualTo(START.getEpochSecond() + 60);
    }

    @Test
    void an_azure_key_keeps_its_api_key_encrypted_under_the_master_key() {
        // reads the H2 file and the data dir's key file; the PostgreSQL pass checks its tables in PostgresSmokeTest
        org.junit.jupiter.api.Assumptions.assumeFalse(ServiceHarness.onPostgres());
        String key = create(Map.of("name", "az", "protocolType", "azure_openai",
                "upstreamBaseUrl", "https://res.openai.azure.com/openai/", "azureApiKey", "azure-secret-123456"))
                .get("key").getAsString();

        JsonObject item = onlyItem();
        assertThat(item.get("hasAzureApiKey").getAsBoolean()).isTrue();
        assertThat(item.get("upstreamBaseUrl").getAsString()).isEqualTo("https://res.openai.azure.com/openai");
        assertThat(item.toString()).doesNotContain("azure-secret-123456");
        VerifiedKey verified = ((KeyAuthResult.Accepted) keys().authenticate(key)).key();
        assertThat(keys().azureApiKey(verified)).isEqualTo("azure-secret-123456");
        harness.close();
        assertThat(harness.allFilesAsText()).doesNotContain("azure-secret-123456");
        harness = ServiceHarness.start(dir, Map.of(), clock);
        assertThat(keys().azureApiKey(verified)).isEqualTo("azure-secret-123456");
    }

    @Test
    void a_bad_update_leaves_the_key_unchanged() {
        String id = create(Map.of("name", "a", "protocolType", "openai", "modelSlug", "gpt-5.5"))
                .get("id").getAsString();

        assertThatThrownBy(() -> rpc.call("apikey/update", Map.of("id", id, "name", "b",
                "allowedModels", List.of("gpt-5.4")))).isInstanceOf(RpcCallFailed.class);

        JsonObject item = onlyItem();
        assertThat(item.get("name").getAsString()).isEqualTo("a");
        assertThat(item.getAsJsonArray("allowedModels")).isEmpty();
    }
}
