package com.codexmanager.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.FakeAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poll rounds, driven directly ({@link UsageModule#pollOnce()}) with the test clock, and the refresh right after an
 * account is added.
 */
class UsagePollerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(600);

    @TempDir
    Path dir;
    private UsageFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void a_round_refreshes_every_active_or_limited_account_but_not_disabled_ones() {
        f = new UsageFixture(dir, Map.of());
        String a = f.importAccount(f.fake.createAccount());
        String b = f.importAccount(f.fake.createAccount());
        String disabled = f.importAccount(f.fake.createAccount());
        f.rpc().call("account/update", Map.of("accountId", disabled, "status", "disabled"));

        PollRound round = f.module().pollOnce();

        assertThat(round).isEqualTo(new PollRound(2, 2, 0, 0));
        assertThat(f.usage().latest(a)).isPresent();
        assertThat(f.usage().latest(b)).isPresent();
        assertThat(f.usage().latest(disabled)).isEmpty();
    }

    @Test
    void a_failing_account_backs_off_exponentially_and_a_success_resets_the_backoff() {
        f = new UsageFixture(dir, Map.of("CODEXMANAGER_USAGE_POLL_INTERVAL_SECS", "600"));
        FakeAccount account = f.fake.createAccount();
        f.importAccount(account);
        account.rejectAccessTokens(true);

        assertThat(f.module().pollOnce()).as("first failure").isEqualTo(new PollRound(1, 0, 1, 0));
        f.clock.advance(INTERVAL);
        assertThat(f.module().pollOnce()).as("waits 2 intervals").isEqualTo(new PollRound(0, 0, 0, 1));
        f.clock.advance(INTERVAL);
        assertThat(f.module().pollOnce()).as("second failure").isEqualTo(new PollRound(1, 0, 1, 0));
        f.clock.advance(INTERVAL.multipliedBy(2));
        assertThat(f.module().pollOnce()).as("waits 30 min (capped)").isEqualTo(new PollRound(0, 0, 0, 1));
        f.clock.advance(INTERVAL);
        account.rejectAccessTokens(false);
        assertThat(f.module().pollOnce()).as("recovers").isEqualTo(new PollRound(1, 1, 0, 0));
        f.clock.advance(INTERVAL);
        assertThat(f.module().pollOnce()).as("no backoff after a success").isEqualTo(new PollRound(1, 1, 0, 0));
    }

    @Test
    void backoff_doubles_from_two_intervals_up_to_thirty_minutes_but_never_below_one_interval() {
        assertThat(UsageWorkers.backoff(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(60));
        assertThat(UsageWorkers.backoff(3, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(240));
        assertThat(UsageWorkers.backoff(20, Duration.ofSeconds(30))).isEqualTo(Duration.ofMinutes(30));
        assertThat(UsageWorkers.backoff(5, Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void an_added_account_gets_its_usage_right_away_when_polling_is_on() throws Exception {
        f = new UsageFixture(dir, Map.of("CODEXMANAGER_DISABLE_POLLING", "false", "CODEXMANAGER_USAGE_POLL_INTERVAL_SECS",
                "86400"));

        String id = f.importAccount(f.fake.createAccount());

        UsageFixture.await(() -> f.usage().latest(id).isPresent());
        assertThat(f.read(id).get("availabilityStatus").getAsString()).isEqualTo("available");
    }

    @Test
    void nothing_is_fetched_after_adding_an_account_when_polling_is_off() {
        f = new UsageFixture(dir, Map.of());

        String id = f.importAccount(f.fake.createAccount());
        f.rpc().call("account/list", Map.of());

        assertThat(f.usageRequests()).isZero();
        assertThat(f.usage().latest(id)).isEmpty();
    }
}
