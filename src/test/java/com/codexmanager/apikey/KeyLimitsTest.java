package com.codexmanager.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.json.Json;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-key limits end to end (issue 14): {@code limits} on {@code apikey/create|update}, the gateway's 429
 * {@code key_limit_exceeded} with Retry-After in the client's protocol before any upstream call, and
 * {@code apikey/usage} from the request log.
 */
class KeyLimitsTest {
    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;
    FakeAccount account;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start();
        service = start(dir);
        account = fake.createAccount();
        service.rpc().call("account/import", Map.of("contents",
                List.of(account.tokens().codexAuthJson(Instant.now()))));
    }

    private ServiceHarness start(Path dataDir) {
        return ServiceHarness.start(dataDir, Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer()));
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    private JsonObject createKey(Object limits) {
        Map<String, Object> params = new HashMap<>(Map.of("name", "shared", "protocolType", "openai"));
        params.put("limits", limits);
        return service.rpc().call("apikey/create", params);
    }

    private HttpResponse<String> ask(String key) {
        return service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5.5\",\"input\":\"hello\"}")).build());
    }

    private HttpResponse<String> askAnthropic(String key) {
        return service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/messages"))
                .header("x-api-key", key).header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}")).build());
    }

    private JsonObject usage(String id) {
        return service.rpc().call("apikey/usage", Map.of("id", id));
    }

    @Test
    void a_key_with_three_requests_per_minute_gets_429_key_limit_exceeded_on_its_fourth() {
        JsonObject created = createKey(Map.of("requestsPerMinute", 3));
        String key = created.get("key").getAsString();
        for (int i = 0; i < 3; i++) {
            assertThat(ask(key).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> fourth = ask(key);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("Retry-After")).hasValueSatisfying(
                value -> assertThat(Integer.parseInt(value)).isBetween(1, 61));
        JsonObject error = Json.object(fourth.body()).getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("key_limit_exceeded");
        assertThat(error.get("type").getAsString()).isEqualTo("rate_limit_error");
        assertThat(error.get("message").getAsString()).contains("3 requests per minute");
        assertThat(fake.responsesCount(account.accountId())).as("refused before any upstream call").isEqualTo(3);
        String id = created.get("id").getAsString();
        Await.until("four requests in the log", Duration.ofSeconds(10),
                () -> usage(id).get("requests").getAsLong() == 4);
        JsonObject used = usage(id);
        assertThat(used.get("errors").getAsLong()).isEqualTo(1);
        assertThat(used.get("inputTokens").getAsLong()).isPositive();
        assertThat(used.get("outputTokens").getAsLong()).isPositive();
    }

    @Test
    void an_anthropic_client_gets_the_limit_in_anthropics_error_shape() {
        String key = service.rpc().call("apikey/create", Map.of("name", "cc", "protocolType", "anthropic",
                "limits", Map.of("requestsPerMinute", 1))).get("key").getAsString();
        assertThat(askAnthropic(key).statusCode()).isEqualTo(200);

        HttpResponse<String> second = askAnthropic(key);

        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("retry-after")).isPresent();
        JsonObject body = Json.object(second.body());
        assertThat(body.get("type").getAsString()).isEqualTo("error");
        assertThat(body.getAsJsonObject("error").get("type").getAsString()).isEqualTo("key_limit_exceeded");
    }

    @Test
    void a_daily_token_limit_holds_across_a_restart() throws Exception {
        JsonObject created = createKey(Map.of("tokensPerDay", 10));
        String key = created.get("key").getAsString();
        assertThat(ask(key).statusCode()).isEqualTo(200);
        Await.until("tokens logged", Duration.ofSeconds(10),
                () -> usage(created.get("id").getAsString()).get("outputTokens").getAsLong() > 0);
        assertThat(ask(key).statusCode()).isEqualTo(429);

        service.close();
        service = start(dir);

        HttpResponse<String> afterRestart = ask(key);
        assertThat(afterRestart.statusCode()).isEqualTo(429);
        assertThat(afterRestart.body()).contains("key_limit_exceeded").contains("tokens for today");
    }

    @Test
    void limits_are_listed_updated_field_by_field_and_cleared() {
        String id = createKey(Map.of("requestsPerMinute", 30, "tokensPerDay", 100_000)).get("id").getAsString();
        assertThat(limits(id)).isEqualTo(Json.object("{\"requestsPerMinute\":30,\"tokensPerDay\":100000}"));

        service.rpc().call("apikey/update", Map.of("id", id, "limits", Map.of("requestsPerMinute", 5)));
        assertThat(limits(id).get("requestsPerMinute").getAsInt()).isEqualTo(5);
        assertThat(limits(id).get("tokensPerDay").getAsLong()).isEqualTo(100_000);

        JsonObject clearOne = Json.object("{\"id\":\"" + id + "\",\"limits\":{\"requestsPerMinute\":null}}");
        service.rpc().call("apikey/update", clearOne);
        assertThat(limits(id).get("requestsPerMinute").isJsonNull()).isTrue();
        assertThat(limits(id).get("tokensPerDay").getAsLong()).isEqualTo(100_000);

        JsonObject clearAll = new JsonObject();
        clearAll.addProperty("id", id);
        clearAll.add("limits", JsonNull.INSTANCE);
        service.rpc().call("apikey/update", clearAll);
        assertThat(limits(id)).isEqualTo(Json.object("{\"requestsPerMinute\":null,\"tokensPerDay\":null}"));
    }

    @Test
    void bad_limits_are_refused_naming_the_field_and_nothing_is_stored() {
        assertThatThrownBy(() -> createKey(Map.of("requestsPerMinute", 0)))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> {
                    assertThat(e.code()).isEqualTo(-32602);
                    assertThat(e.getMessage()).contains("limits.requestsPerMinute");
                });
        assertThatThrownBy(() -> createKey(Map.of("requestsPerHour", 10)))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.getMessage())
                        .contains("limits.requestsPerHour"));
        assertThatThrownBy(() -> createKey(Map.of("tokensPerDay", 1.5)))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.getMessage())
                        .contains("limits.tokensPerDay"));
        assertThatThrownBy(() -> createKey("fast")).isInstanceOf(RpcCallFailed.class);
        assertThat(service.rpc().call("apikey/list").getAsJsonArray("items")).isEmpty();
    }

    @Test
    void usage_of_an_unknown_key_is_not_found_and_a_range_is_honoured() {
        assertThatThrownBy(() -> usage("gk_missing")).isInstanceOfSatisfying(RpcCallFailed.class,
                e -> assertThat(e.getMessage()).contains("gk_missing"));
        String id = createKey(null).get("id").getAsString();

        JsonObject past = service.rpc().call("apikey/usage", Map.of("id", id, "from", 1_000, "to", 2_000));

        assertThat(past.get("requests").getAsLong()).isZero();
        assertThat(past.get("from").getAsLong()).isEqualTo(1_000);
        assertThatThrownBy(() -> service.rpc().call("apikey/usage", Map.of("id", id, "from", 2_000, "to", 1_000)))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.getMessage()).contains("to"));
    }

    private JsonObject limits(String id) {
        for (var item : service.rpc().call("apikey/list").getAsJsonArray("items")) {
            JsonObject key = item.getAsJsonObject();
            if (key.get("id").getAsString().equals(id)) {
                return key.getAsJsonObject("limits");
            }
        }
        throw new AssertionError("no key " + id);
    }
}
