package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;

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
}
