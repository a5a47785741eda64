package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.Scenario;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingBehaviourTest {
    GatewayTestBed bed;
    FakeAccount a;
    FakeAccount b;
    FakeAccount c;

    @BeforeEach
    void start() {
        bed = new GatewayTestBed(Map.of("CODEXMANAGER_ROUTE_STRATEGY", "balanced"));
        a = bed.fake.createAccount();
        b = bed.fake.createAccount();
        c = bed.fake.createAccount();
        bed.pool.add(a, 1).add(b, 2).add(c, 3);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private String servedBy(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return bed.recorder.records.get(bed.recorder.records.size() - 1).finalAccountId();
    }

    private static String turn(String conversation, int n) {
        return "{\"model\":\"gpt-5.5\",\"prompt_cache_key\":\"" + conversation + "\",\"input\":\"turn " + n + "\"}";
    }

    @Test
    void balanced_spreads_new_requests_over_the_pool() throws Exception {
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            served.add(servedBy(bed.post("/v1/responses", "{\"model\":\"gpt-5.5\",\"input\":\"x\"}")));
        }

        assertThat(served).containsExactlyInAnyOrder(a.accountId(), b.accountId(), c.accountId());
    }

    @Test
    void twenty_turns_of_one_conversation_stay_on_one_account_then_move_and_stick() throws Exception {
        String sticky = servedBy(bed.post("/v1/responses", turn("conv-1", 0)));
        for (int i = 1; i < 20; i++) {
            assertThat(servedBy(bed.post("/v1/responses", turn("conv-1", i)))).isEqualTo(sticky);
        }
        bed.fake.account(sticky).enqueue(Scenario.USAGE_LIMIT);

        String moved = servedBy(bed.post("/v1/responses", turn("conv-1", 20)));
        assertThat(moved).isNotEqualTo(sticky);
        for (int i = 21; i < 26; i++) {
            assertThat(servedBy(bed.post("/v1/responses", turn("conv-1", i)))).isEqualTo(moved);
        }
    }

    @Test
    void the_session_header_also_binds_a_conversation() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(GatewayTestBed.uri(bed.baseUrl(), "/v1/responses"))
                .header("Authorization", "Bearer " + TestKeys.KEY).header("session_id", "thread-9")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5.5\",\"input\":\"x\"}"))
                .build();
        String first = servedBy(bed.http.send(request, HttpResponse.BodyHandlers.ofString()));
        for (int i = 0; i < 5; i++) {
            assertThat(servedBy(bed.http.send(request, HttpResponse.BodyHandlers.ofString()))).isEqualTo(first);
        }
        assertThat(bed.fake.lastRequest(com.codexmanager.testkit.FakeUpstream.RESPONSES_PATH).orElseThrow().header("session_id")).hasValue("thread-9");
    }

    @Test
    void a_key_group_limits_the_accounts_that_serve_it() throws Exception {
        bed.pool.setGroup(c.accountId(), "team");
        bed.keys.add("cmk_team_key_000000000000", new PlatformKey("key-team", "cmk_team", "openai", null, null,
                List.of(), "team"));

        for (int i = 0; i < 4; i++) {
            assertThat(servedBy(bed.post("/v1/responses", "{\"model\":\"gpt-5.5\",\"input\":\"x\"}",
                    "cmk_team_key_000000000000"))).isEqualTo(c.accountId());
        }
    }

    @Test
    void key_model_binding_and_reasoning_override_reach_the_upstream() throws Exception {
        bed.keys.add("cmk_bound_key_00000000000", new PlatformKey("key-bound", "cmk_bound", "openai", "gpt-5.4-mini",
                "high", List.of(), null));

        bed.post("/v1/responses", "{\"model\":\"gpt-5.5\",\"input\":\"x\",\"reasoning\":{\"effort\":\"low\"}}",
                "cmk_bound_key_00000000000");

        var sent = bed.fake.lastRequest(com.codexmanager.testkit.FakeUpstream.RESPONSES_PATH).orElseThrow().json();
        assertThat(sent.get("model").getAsString()).isEqualTo("gpt-5.4-mini");
        assertThat(sent.getAsJsonObject("reasoning").get("effort").getAsString()).isEqualTo("high");
        assertThat(sent.getAsJsonArray("include").toString()).contains("reasoning.encrypted_content");
    }

    /** Issue 14's check: under headroom, an account at 90 % gets no new conversation while another is at 10 %. */
    @Test
    void under_headroom_an_account_at_ninety_percent_gets_no_new_conversations_while_another_is_at_ten()
            throws Exception {
        bed.close();
        bed = new GatewayTestBed(Map.of("CODEXMANAGER_ROUTE_STRATEGY", "headroom"));
        a = bed.fake.createAccount();
        b = bed.fake.createAccount();
        bed.pool.add(a, 1).add(b, 2);
        java.time.Instant now = java.time.Instant.now();
        bed.pool.setQuota(a.accountId(), new com.codexmanager.gateway.routing.AccountQuota(
                new com.codexmanager.gateway.routing.AccountQuota.Window(90, 300, now.plusSeconds(3600)),
                new com.codexmanager.gateway.routing.AccountQuota.Window(30, 10_080, now.plusSeconds(86_400))));
        bed.pool.setQuota(b.accountId(), new com.codexmanager.gateway.routing.AccountQuota(
                new com.codexmanager.gateway.routing.AccountQuota.Window(10, 300, now.plusSeconds(14_400)),
                new com.codexmanager.gateway.routing.AccountQuota.Window(30, 10_080, now.plusSeconds(86_400))));

        for (int i = 0; i < 6; i++) {
            assertThat(servedBy(bed.post("/v1/responses", turn("new-conv-" + i, 0)))).isEqualTo(b.accountId());
        }
    }
}
