package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.ServiceHarness;
import com.codexmanager.testkit.TestClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strategy {@code headroom} and the quick switch through the real service: accounts imported over RPC, their usage
 * fetched from the fake upstream with {@code account/usage/refresh}, the strategy and the pin set over RPC. The
 * routing tests on {@link GatewayTestBed} use a hand-written pool; this one checks that the real pool adapter carries
 * the fetched usage into the choice.
 */
class RoutingServiceTest {
    /**
     * Longer than the pool snapshot's stale age (10 s): the next request rebuilds the snapshot from the stored usage
     * instead of waiting for the background refresh, so the test needs no real-time wait.
     */
    private static final Duration PAST_SNAPSHOT_AGE = Duration.ofMinutes(1);

    @TempDir
    Path dir;
    final TestClock clock = TestClock.create();
    FakeUpstream fake;
    ServiceHarness service;
    String key;
    FakeAccount busy;
    FakeAccount idle;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().clock(clock).build());
        service = ServiceHarness.start(dir, Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer()), clock);
        busy = fake.createAccount(AccountSpec.builder().email("busy@example.test").primaryUsedPercent(90)
                .secondaryUsedPercent(30).incrementPercent(0).build());
        idle = fake.createAccount(AccountSpec.builder().email("idle@example.test").primaryUsedPercent(10)
                .secondaryUsedPercent(30).incrementPercent(0).build());
        List<String> ids = new ArrayList<>();
        for (FakeAccount account : List.of(busy, idle)) {
            ids.add(service.rpc().call("account/import", Map.of("contents",
                    List.of(account.tokens().codexAuthJson(clock.instant())))).getAsJsonArray("accountIds").get(0)
                    .getAsString());
        }
        // the busy account first in pool order, so a tie (no usage known) would send everything to it
        service.rpc().call("account/updateSorts", Map.of("accountIds", ids));
        ids.forEach(id -> service.rpc().call("account/usage/refresh", Map.of("accountId", id)));
        key = service.rpc().call("apikey/create", Map.of("name", "routing", "protocolType", "openai")).get("key")
                .getAsString();
        service.rpc().call("gateway/routeStrategy/set", Map.of("strategy", "headroom"));
        clock.advance(PAST_SNAPSHOT_AGE);
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    private String turn(String conversation) {
        HttpResponse<String> response = service.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                        + "/v1/responses"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5.5\",\"input\":\"hi\","
                        + "\"prompt_cache_key\":\"" + conversation + "\"}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().account().orElseThrow();
    }

    private String ourIdOf(FakeAccount account) {
        return service.rpc().call("account/list", Map.of("query", account.email())).getAsJsonArray("items").get(0)
                .getAsJsonObject().get("id").getAsString();
    }

    @Test
    void headroom_sends_new_conversations_to_the_account_at_ten_percent_not_the_one_at_ninety() {
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            served.add(turn("new-" + i));
        }

        assertThat(served).containsOnly(idle.accountId());
        assertThat(fake.responsesCount(busy.accountId())).isZero();
    }

    @Test
    void quick_switch_moves_an_ongoing_conversation_and_clearing_it_gives_routing_back_to_headroom() {
        assertThat(turn("ongoing")).isEqualTo(idle.accountId());

        service.rpc().call("gateway/manualAccount/set", Map.of("accountId", ourIdOf(busy)));
        String pinnedTurn = turn("ongoing");
        String pinnedNewConversation = turn("other");
        service.rpc().call("gateway/manualAccount/clear", Map.of());
        String afterClear = turn("ongoing");
        String newAfterClear = turn("fresh");

        assertThat(pinnedTurn).as("the pin beats affinity").isEqualTo(busy.accountId());
        assertThat(pinnedNewConversation).as("the pin beats headroom").isEqualTo(busy.accountId());
        assertThat(service.rpc().call("gateway/manualAccount/get", Map.of()).get("accountId").isJsonNull()).isTrue();
        assertThat(afterClear).as("affinity to an account over the high-water mark is dropped")
                .isEqualTo(idle.accountId());
        assertThat(newAfterClear).isEqualTo(idle.accountId());
    }
}
