package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.GatewayModule;
import com.codexmanager.gateway.limits.KeyLimiter;
import com.codexmanager.store.ChangeFeed;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.PostgresServer;
import com.codexmanager.testkit.Scenario;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the service on one PostgreSQL database, as a team runs them behind a load balancer: what one
 * does, the other sees; together they refresh each token once; a limit met through one is honoured by the other;
 * either keeps serving when the other stops; one request log shows both.
 */
class TwoInstancesTest {
    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness one;
    ServiceHarness two;
    final List<FakeAccount> accounts = new ArrayList<>();

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(PostgresServer.available(), "PostgreSQL binaries are needed");
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        Map<String, String> env = new HashMap<>(ServiceHarness.postgresEnv());
        env.put("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl());
        env.put("CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl());
        env.put("CODEXMANAGER_ISSUER", fake.issuer());
        env.put("CODEXMANAGER_ROUTE_STRATEGY", "balanced");
        one = ServiceHarness.start(dir.resolve("one"), with(env, "CODEXMANAGER_INSTANCE_NAME", "one"));
        two = ServiceHarness.start(dir.resolve("two"), with(env, "CODEXMANAGER_INSTANCE_NAME", "two"));
        List<String> auth = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FakeAccount account = fake.createAccount();
            accounts.add(account);
            auth.add(account.tokens().codexAuthJson(Instant.now()));
        }
        one.rpc().call("account/import", Map.of("contents", auth));
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(key, value);
        return copy;
    }

    @AfterEach
    void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void accounts_and_keys_made_on_one_instance_work_on_the_other() throws Exception {
        assertThat(two.rpc().call("account/list", Map.of()).getAsJsonArray("items")).hasSize(4);

        String key = one.rpc().call("apikey/create", Map.of("name", "team", "protocolType", "openai"))
                .get("key").getAsString();

        Await.until("the key known on instance two", Duration.ofSeconds(5), () -> {
            try {
                return ask(two, key, "hello").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void expired_tokens_are_refreshed_once_per_account_across_both_instances() throws Exception {
        String key = sharedKey();
        accounts.forEach(FakeAccount::expireAccessTokens);
        int[] before = accounts.stream().mapToInt(FakeAccount::refreshCount).toArray();

        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ServiceHarness target = i % 2 == 0 ? one : two;
            int n = i;
            statuses.add(clients.submit(() -> ask(target, key, "turn " + n).statusCode()));
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        clients.shutdown();

        for (int i = 0; i < accounts.size(); i++) {
            FakeAccount account = accounts.get(i);
            if (account.responsesCount() == 0) {
                continue; // an account no request reached has no reason to refresh
            }
            assertThat(account.refreshCount() - before[i]).as("refresh calls of %s", account.email()).isEqualTo(1);
            assertThat(account.successfulRefreshCount()).as("no refresh_token_reused")
                    .isEqualTo(account.refreshCount());
        }
        assertThat(accounts.stream().filter(a -> a.responsesCount() > 0).count()).as("accounts that served")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_usage_limit_met_through_one_instance_is_honoured_by_the_other() throws Exception {
        String key = sharedKey();
        accounts.forEach(a -> a.respondAlwaysWith(Scenario.USAGE_LIMIT));
        FakeAccount healthy = accounts.get(3);
        healthy.clearScenarios();

        for (int i = 0; i < 3; i++) {
            ask(one, key, "spend " + i);
        }
        Await.until("the limits stored", Duration.ofSeconds(5), () -> limitedAccounts(two) >= 3);
        // instance two polls for changes every ChangeFeed.POLL_EVERY (under a second); take that poll now
        assertThat(ChangeFeed.POLL_EVERY).isLessThan(Duration.ofSeconds(1));
        two.service().context().changes().poll();
        int limitedCalls = accounts.subList(0, 3).stream().mapToInt(FakeAccount::responsesCount).sum();

        for (int i = 0; i < 6; i++) {
            assertThat(ask(two, key, "after " + i).statusCode()).isEqualTo(200);
        }

        assertThat(accounts.subList(0, 3).stream().mapToInt(FakeAccount::responsesCount).sum())
                .as("limited accounts not tried again").isEqualTo(limitedCalls);
    }

    @Test
    void one_instance_keeps_serving_when_the_other_stops_and_one_log_shows_both() throws Exception {
        String key = sharedKey();
        assertThat(ask(one, key, "from one").statusCode()).isEqualTo(200);

        one.close();
        one = null;

        assertThat(ask(two, key, "from two").statusCode()).isEqualTo(200);
        Await.until("rows of both instances", Duration.ofSeconds(10), () -> instances(two).containsAll(
                Set.of("one", "two")));
    }

    @Test
    void a_conversation_keeps_its_account_whichever_instance_a_turn_lands_on() throws Exception {
        String key = sharedKey();
        int[] before = accounts.stream().mapToInt(FakeAccount::responsesCount).toArray();

        for (int turn = 0; turn < 8; turn++) {
            ServiceHarness target = turn % 2 == 0 ? one : two;
            assertThat(send(target, key, "{\"model\":\"gpt-5.5\",\"input\":\"turn " + turn + "\","
                    + "\"prompt_cache_key\":\"conversation-7\"}").statusCode()).isEqualTo(200);
            if (turn == 0) {
                // the first turn's binding reaches the shared table off the request path
                Await.until("the binding shared", Duration.ofSeconds(5), () -> sql(one).count(
                        "SELECT COUNT(*) FROM gateway_affinity") > 0);
            }
        }

        long served = java.util.stream.IntStream.range(0, accounts.size())
                .filter(i -> accounts.get(i).responsesCount() > before[i]).count();
        assertThat(served).as("accounts that served the turns of one conversation").isEqualTo(1);
    }

    @Test
    void a_bench_taken_through_one_instance_reaches_the_other_without_being_asked() throws Exception {
        String key = sharedKey();
        accounts.forEach(a -> a.respondAlwaysWith(Scenario.USAGE_LIMIT));
        GatewayModule gatewayOfTwo = two.service().module(GatewayModule.class).orElseThrow();
        List<String> ids = new ArrayList<>();
        for (JsonElement item : two.rpc().call("account/list", Map.of()).getAsJsonArray("items")) {
            ids.add(item.getAsJsonObject().get("id").getAsString());
        }

        ask(one, key, "spend");
        long answered = System.nanoTime();
        // no poll forced here: instance two's own change feed must bring the bench
        Await.until("a bench visible on instance two", Duration.ofSeconds(5),
                () -> ids.stream().anyMatch(id -> gatewayOfTwo.cooldowns().until(id).isPresent()));
        long millis = (System.nanoTime() - answered) / 1_000_000;
        System.out.println("FIGURE bench visible on the other instance after " + millis + " ms");
    }

    @Test
    void an_account_pinned_through_one_instance_serves_the_requests_of_the_other_until_cleared() throws Exception {
        String key = sharedKey();
        String pinned = one.rpc().call("account/list", Map.of()).getAsJsonArray("items").get(2).getAsJsonObject()
                .get("id").getAsString();

        one.rpc().call("gateway/manualAccount/set", Map.of("accountId", pinned));
        two.service().context().changes().poll();
        int[] before = accounts.stream().mapToInt(FakeAccount::responsesCount).toArray();
        for (int i = 0; i < 4; i++) {
            assertThat(ask(two, key, "pinned " + i).statusCode()).isEqualTo(200);
        }

        int[] after = accounts.stream().mapToInt(FakeAccount::responsesCount).toArray();
        assertThat(java.util.stream.IntStream.range(0, after.length).filter(i -> after[i] > before[i]).count())
                .as("accounts that served the pinned turns").isEqualTo(1);
        assertThat(two.rpc().call("gateway/manualAccount/get", Map.of()).toString()).contains(pinned);
        one.rpc().call("gateway/manualAccount/clear", Map.of());
        two.service().context().changes().poll();
        assertThat(two.rpc().call("gateway/manualAccount/get", Map.of()).toString()).doesNotContain(pinned);
    }

    @Test
    void a_keys_requests_per_minute_hold_across_the_instances() throws Exception {
        JsonObject created = one.rpc().call("apikey/create", Map.of("name", "limited", "protocolType", "openai",
                "limits", Map.of("requestsPerMinute", 4)));
        String key = created.get("key").getAsString();
        String keyId = created.get("id").getAsString();
        Await.until("the key known on instance two", Duration.ofSeconds(5), () -> {
            try {
                return ask(two, key, "first").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(ask(two, key, "second").statusCode()).isEqualTo(200);
        assertThat(ask(one, key, "third").statusCode()).isEqualTo(200);
        KeyLimiter limiterOfOne = one.service().module(GatewayModule.class).orElseThrow().limiter();
        Await.until("instance one has read two's requests", Duration.ofSeconds(10),
                () -> limiterOfOne.othersRecentRequests(keyId) >= 2);

        assertThat(ask(one, key, "fourth").statusCode()).isEqualTo(200);
        HttpResponse<String> fifth = ask(one, key, "fifth");

        assertThat(fifth.statusCode()).as(fifth.body()).isEqualTo(429);
        assertThat(fifth.body()).contains("key_limit_exceeded").contains("across the instances");
        assertThat(fifth.headers().firstValue("Retry-After")).isPresent();
    }

    /** A key made on instance one, once instance two accepts it too (its key cache catches up in under a second). */
    private String sharedKey() {
        String key = one.rpc().call("apikey/create", Map.of("name", "team", "protocolType", "openai"))
                .get("key").getAsString();
        Await.until("the key known on instance two", Duration.ofSeconds(5), () -> {
            try {
                return ask(two, key, "warm").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        return key;
    }

    private static com.codexmanager.store.Sql sql(ServiceHarness service) {
        return service.service().context().database().sql();
    }

    private int limitedAccounts(ServiceHarness service) {
        int limited = 0;
        for (JsonElement item : service.rpc().call("account/list", Map.of()).getAsJsonArray("items")) {
            if ("limited".equals(item.getAsJsonObject().get("status").getAsString())) {
                limited++;
            }
        }
        return limited;
    }

    private Set<String> instances(ServiceHarness service) {
        Set<String> names = new HashSet<>();
        for (JsonElement item : service.rpc().call("requestlog/list", Map.of("pageSize", 50))
                .getAsJsonArray("items")) {
            JsonObject row = item.getAsJsonObject();
            if (row.has("instance") && !row.get("instance").isJsonNull()) {
                names.add(row.get("instance").getAsString());
            }
        }
        return names;
    }

    private HttpResponse<String> ask(ServiceHarness service, String key, String text) throws Exception {
        return send(service, key, "{\"model\":\"gpt-5.5\",\"input\":\"" + text + "\"}");
    }

    private HttpResponse<String> send(ServiceHarness service, String key, String body) throws Exception {
        return service.http().send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
