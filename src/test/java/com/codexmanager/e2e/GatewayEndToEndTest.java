package com.codexmanager.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RefreshFault;
import com.codexmanager.testkit.Scenario;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonObject;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product: accounts imported over RPC, a platform key created over RPC, requests through the gateway
 * with the official SDK, served by the fake upstream, logged in the request log and the trace file.
 */
class GatewayEndToEndTest {
    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;
    FakeAccount first;
    FakeAccount second;
    String key;
    OpenAIClient client;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        service = ServiceHarness.start(dir, Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer()));
        first = fake.createAccount();
        second = fake.createAccount();
        JsonObject imported = service.rpc().call("account/import", Map.of("contents", List.of(
                first.tokens().codexAuthJson(Instant.now()), second.tokens().codexAuthJson(Instant.now()))));
        assertThat(imported.get("created").getAsInt()).isEqualTo(2);
        List<String> ids = List.of(accountIdOf(first), accountIdOf(second));
        service.rpc().call("account/updateSorts", Map.of("accountIds", ids));
        key = service.rpc().call("apikey/create", Map.of("name", "e2e", "protocolType", "openai")).get("key")
                .getAsString();
        client = OpenAIOkHttpClient.builder().baseUrl(service.baseUrl() + "/v1").apiKey(key).maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        client.close();
        service.close();
        fake.close();
    }

    private String accountIdOf(FakeAccount account) {
        for (var item : service.rpc().call("account/list", Map.of("query", account.email()))
                .getAsJsonArray("items")) {
            return item.getAsJsonObject().get("id").getAsString();
        }
        throw new AssertionError("account not imported: " + account.email());
    }

    private String ask(String text) {
        Response response = client.responses().create(ResponseCreateParams.builder().model("gpt-5.5").input(text)
                .build());
        return response.output().stream().filter(o -> o.isMessage())
                .flatMap(o -> o.asMessage().content().stream()).filter(c -> c.isOutputText())
                .map(c -> c.asOutputText().text()).reduce("", String::concat);
    }

    private JsonObject awaitLogRows(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        JsonObject page;
        do {
            page = service.rpc().call("requestlog/list", Map.of("page", 1, "pageSize", 50));
            if (page.getAsJsonArray("items").size() >= count) {
                return page;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        return page;
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void a_request_through_the_gateway_is_served_by_the_first_account_and_logged() throws Exception {
        assertThat(ask("hello e2e")).isEqualTo("echo: hello e2e");

        assertThat(fake.responsesCount(first.accountId())).isEqualTo(1);
        JsonObject page = awaitLogRows(1);
        JsonObject row = page.getAsJsonArray("items").get(0).getAsJsonObject();
        assertThat(row.get("statusCode").getAsInt()).isEqualTo(200);
        assertThat(row.toString()).doesNotContain(key);
        // the trace file is written in batches, apart from the request log
        Path traceFile = dir.resolve("gateway-trace.log");
        Await.until("the final trace line", () -> readOrEmpty(traceFile).contains("REQUEST_FINAL"));
        assertThat(Files.readString(traceFile)).doesNotContain(key).doesNotContain(first.accessToken());
    }

    @Test
    void reordering_accounts_moves_the_next_request_to_the_new_first_account() {
        ask("warm up");
        service.rpc().call("account/updateSorts", Map.of("accountIds",
                List.of(accountIdOf(second), accountIdOf(first))));

        ask("after the switch");

        assertThat(fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().account())
                .hasValue(second.accountId());
    }

    @Test
    void an_expired_access_token_is_refreshed_once_by_the_real_refresher() {
        first.unauthorizedAfter(0);

        assertThat(ask("after 401")).isEqualTo("echo: after 401");

        assertThat(fake.refreshCount(first.accountId())).isEqualTo(1);
        assertThat(fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().account())
                .hasValue(first.accountId());
    }

    @Test
    void a_burnt_refresh_token_marks_the_account_for_login_and_the_request_moves_on() {
        first.rejectAccessTokens(true);
        first.enqueueRefreshFaults(RefreshFault.REFRESH_TOKEN_INVALIDATED);

        assertThat(ask("move on")).isEqualTo("echo: move on");

        JsonObject account = service.rpc().call("account/read", Map.of("accountId", accountIdOf(first)));
        String status = account.has("account") ? account.getAsJsonObject("account").get("status").getAsString()
                : account.get("status").getAsString();
        assertThat(status).isEqualTo("unavailable");
        assertThat(fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().account())
                .hasValue(second.accountId());
    }

    @Test
    void a_usage_limit_marks_the_account_limited_in_the_pool() {
        first.enqueue(Scenario.USAGE_LIMIT);

        ask("limit");

        JsonObject account = service.rpc().call("account/read", Map.of("accountId", accountIdOf(first)));
        assertThat(account.toString()).contains("limited");
    }
}
