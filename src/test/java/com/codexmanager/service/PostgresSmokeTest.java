package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.config.InvalidSettingException;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.PostgresServer;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on PostgreSQL: it serves, keeps tokens, the Azure api-key and sealed settings encrypted in the tables,
 * and refuses to start without the shared key that encrypts them.
 */
class PostgresSmokeTest {
    @TempDir
    Path dir;

    @Test
    void the_service_runs_on_postgresql() throws Exception {
        Assumptions.assumeTrue(PostgresServer.available());
        try (FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build())) {
            Map<String, String> env = new HashMap<>(ServiceHarness.postgresEnv());
            env.put("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl());
            env.put("CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl());
            env.put("CODEXMANAGER_ISSUER", fake.issuer());
            try (ServiceHarness service = ServiceHarness.start(dir, env)) {
                FakeAccount account = fake.createAccount();
                service.rpc().call("account/import", Map.of("contents",
                        List.of(account.tokens().codexAuthJson(Instant.now()))));
                String key = service.rpc().call("apikey/create", Map.of("name", "pg", "protocolType", "openai"))
                        .get("key").getAsString();
                HttpResponse<String> answer = service.send(HttpRequest.newBuilder(
                        URI.create(service.baseUrl() + "/v1/responses")).header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"gpt-5.5\",\"input\":\"hello pg\"}")).build());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonObject accounts = service.rpc().call("account/list", Map.of());
                assertThat(accounts.getAsJsonArray("items")).hasSize(1);
            }
        }
    }

    @Test
    void tokens_azure_keys_and_secret_settings_are_stored_encrypted_in_the_tables() {
        Assumptions.assumeTrue(PostgresServer.available());
        Map<String, String> env = ServiceHarness.postgresEnv();
        String url = env.get("CODEXMANAGER_DB_URL");
        try (FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
                ServiceHarness service = ServiceHarness.start(dir, env)) {
            FakeAccount account = fake.createAccount();
            service.rpc().call("account/import", Map.of("contents",
                    List.of(account.tokens().codexAuthJson(Instant.now()))));
            service.rpc().call("apikey/create", Map.of("name", "az", "protocolType", "azure_openai",
                    "upstreamBaseUrl", "https://res.openai.azure.com/openai/", "azureApiKey", "azure-pg-secret-1618"));
            service.rpc().call("appSettings/set", Map.of("upstreamCookie", "cf_clearance=pg-cookie-1414"));

            String stored = PostgresServer.get().tablesAsText(url);
            assertThat(stored).contains(account.accountId()).contains("sealed:v1:")
                    .doesNotContain(account.accessToken()).doesNotContain(account.refreshToken())
                    .doesNotContain(account.tokens().idToken()).doesNotContain("azure-pg-secret-1618")
                    .doesNotContain("pg-cookie-1414").doesNotContain(env.get("CODEXMANAGER_SECRET_KEY"));
            service.close();
            assertThat(service.allFilesAsText()).doesNotContain(account.refreshToken())
                    .doesNotContain("azure-pg-secret-1618").doesNotContain(env.get("CODEXMANAGER_SECRET_KEY"));
        }
    }

    @Test
    void without_the_shared_key_the_service_does_not_start_and_says_how_to_make_one() {
        Assumptions.assumeTrue(PostgresServer.available());
        Map<String, String> env = new HashMap<>(ServiceHarness.postgresEnv());
        env.put("CODEXMANAGER_SECRET_KEY", "");

        assertThatThrownBy(() -> ServiceHarness.start(dir, env)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("CODEXMANAGER_SECRET_KEY").hasMessageContaining("head -c 32 /dev/urandom");
        assertThat(dir.resolve("codexmanager.key")).doesNotExist();
    }

}
