package com.codexmanager.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.RecordedRequest;
import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.UsageShape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code account/usage/*} over real HTTP against the fake {@code /wham/usage}. */
class UsageRpcTest {
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

    @Test
    void refresh_stores_both_windows_of_a_plus_account_and_reports_it_available() {
        FakeAccount account = f.fake.createAccount(AccountSpec.builder().primaryUsedPercent(12.5)
                .secondaryUsedPercent(64).build());
        String id = f.importAccount(account);

        JsonObject report = f.refresh(id);

        assertThat(report.get("accountId").getAsString()).isEqualTo(id);
        assertThat(report.get("availabilityStatus").getAsString()).isEqualTo("available");
        assertThat(report.get("usedPercent").getAsDouble()).isEqualTo(12.5);
        assertThat(report.get("windowMinutes").getAsLong()).isEqualTo(300);
        assertThat(report.get("resetsAt").getAsLong()).isEqualTo(f.clock.instant().plusSeconds(18_000)
                .getEpochSecond());
        assertThat(report.get("secondaryUsedPercent").getAsDouble()).isEqualTo(64);
        assertThat(report.get("secondaryWindowMinutes").getAsLong()).isEqualTo(10080);
        assertThat(report.get("planType").getAsString()).isEqualTo("plus");
        assertThat(report.get("creditsJson").getAsString()).contains("has_credits");
        assertThat(report.get("capturedAt").getAsLong()).isEqualTo(f.clock.instant().getEpochSecond());
        assertThat(f.read(id)).isEqualTo(report);
        RecordedRequest request = f.fake.lastRequest(FakeUpstream.USAGE_PATH).orElseThrow();
        assertThat(request.header("ChatGPT-Account-ID")).contains(account.accountId());
    }

    @Test
    void a_free_plan_reports_only_the_weekly_window_and_is_available() {
        String id = f.importAccount(f.fake.createAccount(AccountSpec.builder().planType("free")
                .primaryUsedPercent(40).build()));

        JsonObject report = f.refresh(id);

        assertThat(report.get("usedPercent").isJsonNull()).isTrue();
        assertThat(report.get("windowMinutes").isJsonNull()).isTrue();
        assertThat(report.get("secondaryUsedPercent").getAsDouble()).isEqualTo(40);
        assertThat(report.get("secondaryWindowMinutes").getAsLong()).isEqualTo(10080);
        assertThat(report.get("availabilityStatus").getAsString()).isEqualTo("available");
    }

    @Test
    void a_null_rate_limit_is_unknown_and_additional_limits_are_reported() {
        String none = f.importAccount(f.fake.createAccount(AccountSpec.builder().usageShape(UsageShape.NONE)
                .build()));
        String extra = f.importAccount(f.fake.createAccount(AccountSpec.builder().additionalRateLimits(true)
                .build()));

        assertThat(f.refresh(none).get("availabilityStatus").getAsString()).isEqualTo("unknown");
        JsonArray limits = f.refresh(extra).getAsJsonArray("additionalLimits");
        assertThat(limits).hasSize(1);
        assertThat(limits.get(0).getAsJsonObject().get("meteredFeature").getAsString()).isEqualTo("codex_other");
    }

    @Test
    void a_401_refreshes_the_token_once_and_retries_once() {
        FakeAccount account = f.fake.createAccount();
        String id = f.importAccount(account);
        account.expireAccessTokens();

        JsonObject report = f.refresh(id);

        assertThat(report.get("availabilityStatus").getAsString()).isEqualTo("available");
        assertThat(account.refreshCount()).isEqualTo(1);
        assertThat(f.usageRequests()).isEqualTo(2);
    }

    @Test
    void an_expired_token_is_refreshed_before_the_call() {
        FakeAccount account = f.fake.createAccount();
        String id = f.importAccount(account);
        f.clock.advance(Duration.ofHours(2));

        f.refresh(id);

        assertThat(account.refreshCount()).isEqualTo(1);
        assertThat(f.usageRequests()).isEqualTo(1);
    }

    @Test
    void a_401_after_the_retry_is_an_upstream_error_that_names_the_reason() {
        FakeAccount account = f.fake.createAccount();
        String id = f.importAccount(account);
        account.rejectAccessTokens(true);

        assertThatThrownBy(() -> f.refresh(id)).isInstanceOfSatisfying(RpcCallFailed.class, e -> {
            assertThat(e.code()).isEqualTo(-32020);
            assertThat(e.data().getAsJsonObject().get("reason").getAsString()).isEqualTo("unauthorized");
        });
        assertThat(f.usageRequests()).isEqualTo(2);
        assertThat(f.read(id).get("availabilityStatus").getAsString()).isEqualTo("unknown");
    }

    @Test
    void unknown_accounts_and_jobs_are_not_found_and_bad_params_name_the_field() {
        assertThatThrownBy(() -> f.read("acc_nope")).isInstanceOfSatisfying(RpcCallFailed.class,
                e -> assertThat(e.code()).isEqualTo(-32004));
        assertThatThrownBy(() -> f.rpc().call("job/status", Map.of("jobId", "job_nope")))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.code()).isEqualTo(-32004));
        String id = f.importAccount(f.fake.createAccount());
        assertThatThrownBy(() -> f.rpc().call("account/usage/history", Map.of("accountId", id, "from", 20,
                "to", 10))).isInstanceOfSatisfying(RpcCallFailed.class, e -> {
                    assertThat(e.code()).isEqualTo(-32602);
                    assertThat(e.getMessage()).contains("from");
                });
    }

    @Test
    void list_and_aggregate_cover_every_account_with_known_and_unknown_counts() {
        String a = f.importAccount(f.fake.createAccount(AccountSpec.builder().primaryUsedPercent(20)
                .secondaryUsedPercent(40).build()));
        String b = f.importAccount(f.fake.createAccount(AccountSpec.builder().primaryUsedPercent(60)
                .secondaryUsedPercent(80).build()));
        String free = f.importAccount(f.fake.createAccount(AccountSpec.builder().planType("free")
                .primaryUsedPercent(10).build()));
        f.importAccount(f.fake.createAccount());
        f.refresh(a);
        f.refresh(b);
        f.refresh(free);

        JsonArray items = f.rpc().call("account/usage/list", Map.of()).getAsJsonArray("items");
        JsonObject aggregate = f.rpc().call("account/usage/aggregate", Map.of());

        assertThat(items).hasSize(4);
        assertThat(items.get(3).getAsJsonObject().get("availabilityStatus").getAsString()).isEqualTo("unknown");
        assertThat(aggregate.get("primaryRemainingPercent").getAsInt()).isEqualTo(60);
        assertThat(aggregate.get("primaryAccounts").getAsInt()).isEqualTo(2);
        assertThat(aggregate.get("secondaryRemainingPercent").getAsInt()).isEqualTo(57);
        assertThat(aggregate.get("secondaryAccounts").getAsInt()).isEqualTo(3);
        assertThat(aggregate.get("knownCount").getAsInt()).isEqualTo(3);
        assertThat(aggregate.get("unknownCount").getAsInt()).isEqualTo(1);
        assertThat(aggregate.get("availableCount").getAsInt()).isEqualTo(3);
    }

    @Test
    void account_list_items_carry_availability_and_both_windows() {
        String id = f.importAccount(f.fake.createAccount(AccountSpec.builder().primaryUsedPercent(30)
                .secondaryUsedPercent(5).build()));
        f.refresh(id);

        JsonObject item = f.rpc().call("account/list", Map.of()).getAsJsonArray("items").get(0).getAsJsonObject();

        assertThat(item.get("id").getAsString()).isEqualTo(id);
        assertThat(item.get("availabilityStatus").getAsString()).isEqualTo("available");
        assertThat(item.get("usedPercent").getAsDouble()).isEqualTo(30);
        assertThat(item.get("secondaryUsedPercent").getAsDouble()).isEqualTo(5);
        assertThat(item.get("resetsAt").getAsLong()).isPositive();
        assertThat(item.get("secondaryResetsAt").getAsLong()).isPositive();
        assertThat(item.has("limitedUntil")).isTrue();
    }

    @Test
    void history_keeps_each_snapshot_filters_by_time_and_prunes_after_the_retention() {
        FakeAccount account = f.fake.createAccount(AccountSpec.builder().primaryUsedPercent(10).build());
        String id = f.importAccount(account);
        long first = f.clock.instant().getEpochSecond();
        f.refresh(id);
        f.clock.advance(Duration.ofMinutes(10));
        account.setPrimaryUsedPercent(20);
        f.refresh(id);
        f.clock.advance(Duration.ofMinutes(10));
        account.setPrimaryUsedPercent(30);
        f.refresh(id);

        JsonArray all = f.rpc().call("account/usage/history", Map.of("accountId", id)).getAsJsonArray("items");
        JsonArray firstTwo = f.rpc().call("account/usage/history", Map.of("accountId", id, "from", first,
                "to", first + 600)).getAsJsonArray("items");

        assertThat(all).hasSize(3);
        assertThat(all.get(0).getAsJsonObject().get("usedPercent").getAsDouble()).isEqualTo(10);
        assertThat(all.get(2).getAsJsonObject().get("usedPercent").getAsDouble()).isEqualTo(30);
        assertThat(firstTwo).hasSize(2);

        f.clock.advance(Duration.ofDays(8));
        assertThat(f.usage().pruneHistory()).isEqualTo(3);
        assertThat(f.rpc().call("account/usage/history", Map.of("accountId", id, "from", 0))
                .getAsJsonArray("items")).isEmpty();
        assertThat(f.read(id).get("capturedAt").getAsLong()).as("the latest survives pruning")
                .isEqualTo(first + 1200);
    }

    @Test
    void refresh_all_starts_a_job_whose_progress_reaches_the_total() throws Exception {
        FakeAccount good = f.fake.createAccount();
        FakeAccount bad = f.fake.createAccount();
        f.importAccount(good);
        String badId = f.importAccount(bad);
        f.importAccount(f.fake.createAccount());
        String disabled = f.importAccount(f.fake.createAccount());
        f.rpc().call("account/update", Map.of("accountId", disabled, "status", "disabled"));
        bad.rejectAccessTokens(true);

        JsonObject started = f.rpc().call("account/usage/refresh", Map.of());
        String jobId = started.get("jobId").getAsString();

        assertThat(started.get("total").getAsInt()).as("disabled accounts are not refreshed").isEqualTo(3);
        UsageFixture.await(() -> !f.rpc().call("job/status", Map.of("jobId", jobId)).get("running").getAsBoolean());
        JsonObject status = f.rpc().call("job/status", Map.of("jobId", jobId));
        assertThat(status.get("done").getAsInt()).isEqualTo(3);
        assertThat(status.get("failed").getAsInt()).isEqualTo(1);
        assertThat(f.read(badId).get("availabilityStatus").getAsString()).isEqualTo("unknown");
        assertThat(f.read(disabled).get("capturedAt").isJsonNull()).isTrue();
    }
}
