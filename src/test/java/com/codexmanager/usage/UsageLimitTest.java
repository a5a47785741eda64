package com.codexmanager.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.account.AccountSecrets.RoutableAccount;
import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.UsageShape;
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

/** Exhausted accounts become limited, come back by themselves at the reset, and header-driven updates. */
class UsageLimitTest {
    @TempDir
    Path dir;
    private UsageFixture f;

    @BeforeEach
    void start() {
        f = new UsageFixture(dir, Map.of());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private List<String> routableIds() {
        return f.accounts().secrets().routable().stream().map(RoutableAccount::account).map(a -> a.id()).toList();
    }

    @Test
    void an_exhausted_account_is_limited_until_the_reset_and_active_again_afterwards_without_a_poll() {
        FakeAccount account = f.fake.createAccount();
        String id = f.importAccount(account);
        account.exhaust();
        Instant reset = f.clock.instant().plusSeconds(18_000);

        JsonObject report = f.refresh(id);

        assertThat(report.get("availabilityStatus").getAsString()).isEqualTo("unavailable");
        assertThat(report.get("availableAt").getAsLong()).isEqualTo(reset.getEpochSecond());
        JsonObject stored = f.rpc().call("account/read", Map.of("accountId", id));
        assertThat(stored.get("status").getAsString()).isEqualTo("limited");
        assertThat(stored.get("statusReason").getAsString()).isEqualTo("usage_limit_exhausted");
        assertThat(stored.get("limitedUntil").getAsLong()).isEqualTo(reset.getEpochSecond());
        assertThat(routableIds()).doesNotContain(id);
        assertThat(f.usage().availability(id).routable()).isFalse();
        int requests = f.usageRequests();

        f.clock.set(reset.minusSeconds(1));
        assertThat(routableIds()).doesNotContain(id);
        f.clock.set(reset);

        assertThat(routableIds()).contains(id);
        assertThat(f.status(id)).isEqualTo("active");
        assertThat(f.rpc().call("account/read", Map.of("accountId", id)).get("limitedUntil").isJsonNull()).isTrue();
        assertThat(f.read(id).get("availabilityStatus").getAsString()).isEqualTo("available");
        assertThat(f.read(id).get("usedPercent").getAsDouble()).as("the window has reset").isZero();
        assertThat(f.usageRequests()).as("no poll was needed").isEqualTo(requests);
    }

    @Test
    void a_limited_account_whose_usage_is_fine_again_becomes_active_on_the_next_snapshot() {
        FakeAccount account = f.fake.createAccount();
        String id = f.importAccount(account);
        account.exhaust();
        f.refresh(id);
        assertThat(f.status(id)).isEqualTo("limited");

        account.setPrimaryUsedPercent(10);
        f.refresh(id);

        assertThat(f.status(id)).isEqualTo("active");
    }

    @Test
    void a_disabled_account_stays_disabled_whatever_its_usage() {
        FakeAccount account = f.fake.createAccount();
        String id = f.importAccount(account);
        f.rpc().call("account/update", Map.of("accountId", id, "status", "disabled"));
        account.exhaust();

        f.refresh(id);
        f.usage().markLimited(id, f.clock.instant().plusSeconds(60));
        f.clock.advance(Duration.ofMinutes(2));
        f.accounts().secrets().routable();
        account.setPrimaryUsedPercent(1);
        f.refresh(id);

        assertThat(f.status(id)).isEqualTo("disabled");
    }

    @Test
    void the_gateway_can_limit_an_account_until_a_reset_time() {
        String id = f.importAccount(f.fake.createAccount());
        Instant until = f.clock.instant().plusSeconds(900);

        assertThat(f.usage().markLimited(id, until)).isTrue();

        assertThat(f.status(id)).isEqualTo("limited");
        assertThat(routableIds()).doesNotContain(id);
        f.clock.set(until);
        assertThat(routableIds()).contains(id);
    }

    @Test
    void rate_limit_headers_update_the_snapshot_between_polls() {
        String id = f.importAccount(f.fake.createAccount());
        f.refresh(id);
        long reset = f.clock.instant().plusSeconds(3600).getEpochSecond();

        f.usage().onRateLimitHeaders(id, Map.of(
                "x-codex-primary-used-percent", "42.5",
                "x-codex-primary-window-minutes", "300",
                "x-codex-primary-reset-at", Long.toString(reset),
                "x-codex-secondary-used-percent", "0",
                "x-codex-secondary-window-minutes", "0"));

        JsonObject report = f.read(id);
        assertThat(report.get("usedPercent").getAsDouble()).isEqualTo(42.5);
        assertThat(report.get("resetsAt").getAsLong()).isEqualTo(reset);
        assertThat(report.get("secondaryWindowMinutes").getAsLong()).as("kept from the poll").isEqualTo(10080);
        assertThat(report.get("source").getAsString()).isEqualTo("headers");
        assertThat(report.get("availabilityStatus").getAsString()).isEqualTo("available");
    }

    @Test
    void exhausted_headers_limit_the_account_and_are_stored_at_once() {
        String id = f.importAccount(f.fake.createAccount());
        long reset = f.clock.instant().plusSeconds(1800).getEpochSecond();

        f.usage().onRateLimitHeaders(id, Map.of(
                "x-codex-primary-used-percent", "100",
                "x-codex-primary-window-minutes", "300",
                "x-codex-primary-reset-after-seconds", "1800"));

        assertThat(f.status(id)).isEqualTo("limited");
        assertThat(f.usage().availability(id).availableAt().getEpochSecond()).isEqualTo(reset);
        assertThat(f.rpc().call("account/usage/history", Map.of("accountId", id)).getAsJsonArray("items"))
                .hasSize(1);
    }

    @Test
    void headers_of_a_free_plan_and_of_unknown_accounts_are_handled() {
        String id = f.importAccount(f.fake.createAccount(AccountSpec.builder().planType("free")
                .usageShape(UsageShape.WEEKLY_ONLY).build()));

        f.usage().onRateLimitHeaders(id, Map.of(
                "x-codex-primary-used-percent", "7",
                "x-codex-primary-window-minutes", "10080",
                "x-codex-secondary-used-percent", "0",
                "x-codex-secondary-window-minutes", "0",
                "x-codex-plan-type", "free"));
        f.usage().onRateLimitHeaders("acc_unknown", Map.of("x-codex-primary-used-percent", "100",
                "x-codex-primary-window-minutes", "300"));

        JsonObject report = f.read(id);
        assertThat(report.get("usedPercent").isJsonNull()).isTrue();
        assertThat(report.get("secondaryUsedPercent").getAsDouble()).isEqualTo(7);
        assertThat(report.get("planType").getAsString()).isEqualTo("free");
        assertThat(report.get("availabilityStatus").getAsString()).isEqualTo("available");
        assertThat(f.usage().latest("acc_unknown")).isEmpty();
    }

    @Test
    void routine_headers_are_written_to_history_at_most_every_few_minutes() {
        String id = f.importAccount(f.fake.createAccount());
        Map<String, String> headers = Map.of("x-codex-primary-used-percent", "3",
                "x-codex-primary-window-minutes", "300", "x-codex-secondary-used-percent", "1",
                "x-codex-secondary-window-minutes", "10080");

        f.usage().onRateLimitHeaders(id, headers);
        f.clock.advance(Duration.ofMinutes(1));
        f.usage().onRateLimitHeaders(id, headers);
        f.clock.advance(UsageService.HEADER_PERSIST_INTERVAL);
        f.usage().onRateLimitHeaders(id, headers);

        assertThat(f.rpc().call("account/usage/history", Map.of("accountId", id)).getAsJsonArray("items"))
                .hasSize(2);
        assertThat(f.read(id).get("capturedAt").getAsLong()).isEqualTo(f.clock.instant().getEpochSecond());
    }

    @Test
    void deleting_an_account_removes_its_usage() {
        String id = f.importAccount(f.fake.createAccount());
        f.refresh(id);

        f.rpc().call("account/delete", Map.of("accountId", id));
        f.usage().onRateLimitHeaders(id, Map.of("x-codex-primary-used-percent", "5",
                "x-codex-primary-window-minutes", "300"));

        assertThat(f.rpc().call("account/usage/list", Map.of()).getAsJsonArray("items")).isEmpty();
        assertThat(f.usage().latest(id)).isEmpty();
    }
}
