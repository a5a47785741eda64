package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.FakeAccount;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Quick switch through the gateway: the pinned account ({@code gateway/manualAccount/set}) serves the next request,
 * including the next turn of a conversation bound to another account, under every strategy, until it is cleared.
 * Regression for issue 14: the pin only moved the account to the front of the order, so affinity and balanced
 * routing kept sending conversations elsewhere.
 */
class QuickSwitchTest {
    GatewayTestBed bed;
    FakeAccount first;
    FakeAccount second;
    FakeAccount third;

    private void start(String strategy) {
        bed = new GatewayTestBed(Map.of("CODEXMANAGER_ROUTE_STRATEGY", strategy));
        first = bed.fake.createAccount();
        second = bed.fake.createAccount();
        third = bed.fake.createAccount();
        bed.pool.add(first, 1).add(second, 2).add(third, 3);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private String turn(String conversation, int n) throws Exception {
        HttpResponse<String> response = bed.post("/v1/responses", "{\"model\":\"gpt-5.5\",\"prompt_cache_key\":\""
                + conversation + "\",\"input\":\"turn " + n + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return bed.recorder.records.get(bed.recorder.records.size() - 1).finalAccountId();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordered", "balanced", "headroom"})
    void the_pinned_account_takes_the_next_turn_of_an_ongoing_conversation_until_cleared(String strategy)
            throws Exception {
        start(strategy);
        String bound = turn("conv-a", 0);
        FakeAccount pin = bound.equals(third.accountId()) ? second : third;

        bed.rpc("gateway/manualAccount/set", Map.of("accountId", pin.accountId()));
        String afterPin = turn("conv-a", 1);
        String otherConversation = turn("conv-b", 0);
        String stillPinned = turn("conv-a", 2);
        bed.rpc("gateway/manualAccount/clear", Map.of());
        String afterClear = turn("conv-a", 3);

        assertThat(afterPin).isEqualTo(pin.accountId());
        assertThat(otherConversation).isEqualTo(pin.accountId());
        assertThat(stillPinned).isEqualTo(pin.accountId());
        assertThat(afterClear).as("the conversation stays where the switch moved it").isEqualTo(pin.accountId());
    }

    @Test
    void a_pinned_account_that_fails_gives_the_request_to_the_pool_and_stays_pinned() throws Exception {
        start("ordered");
        bed.rpc("gateway/manualAccount/set", Map.of("accountId", second.accountId()));
        bed.fake.account(second.accountId()).enqueue(com.codexmanager.testkit.Scenario.INTERNAL_SERVER_ERROR);

        String failedOver = turn("conv-c", 0);

        assertThat(failedOver).isEqualTo(first.accountId());
        assertThat(bed.rpc("gateway/manualAccount/get", Map.of()).toString()).contains(second.accountId());
    }

    @Test
    void the_pin_is_stored_so_it_survives_a_restart() {
        start("ordered");
        bed.rpc("gateway/manualAccount/set", Map.of("accountId", third.accountId()));

        ManualAccount reloaded = new ManualAccount(new com.codexmanager.gateway.state.PinRepository(
                bed.context.database().sql()), java.time.Clock.systemUTC());

        assertThat(reloaded.get()).isEqualTo(third.accountId());
    }
}
