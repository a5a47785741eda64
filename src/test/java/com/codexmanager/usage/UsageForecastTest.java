package com.codexmanager.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The burn-rate forecast: percent per token from the window's own history, runs-out times, the pool's hours. */
class UsageForecastTest {
    private static final Instant NOW = Instant.parse("2026-05-04T12:30:00Z");
    private static final Instant HOUR = Instant.parse("2026-05-04T12:00:00Z");

    private static UsageReport report(String id, String plan, Double used, Instant resets, Double weekly,
            Instant weeklyResets) {
        return new UsageReport(id, Availability.AVAILABLE, null, used, used == null ? null : 300L, resets, weekly,
                weekly == null ? null : 10_080L, weeklyResets, false, plan, null, List.of(), UsageSource.HEADERS,
                NOW);
    }

    private static AccountTraffic.Traffic traffic(String id, Instant from, long requests, long tokens) {
        return new AccountTraffic.Traffic(id, from, requests, tokens);
    }

    @Test
    void a_window_runs_out_when_its_percent_per_token_meets_the_last_hours_tokens() {
        UsageReport a = report("a", "plus", 20.0, NOW.plus(Duration.ofHours(4)), 5.0, NOW.plus(Duration.ofDays(5)));

        UsageForecast forecast = UsageForecast.of(List.of(a), List.of(traffic("a", NOW.minusSeconds(3600), 10,
                100_000)), List.of(traffic("a", HOUR, 10, 100_000)), NOW);

        UsageForecast.AccountForecast account = forecast.accounts().get(0);
        assertThat(account.tokensPerHour()).isEqualTo(100_000);
        assertThat(account.requestsPerHour()).isEqualTo(10);
        assertThat(account.primary().percentPerHour()).isCloseTo(20.0, within(1e-9));
        assertThat(account.primary().runsOutAt()).isEqualTo(NOW.plus(Duration.ofHours(4)));
        assertThat(account.primary().resetsFirst()).isFalse();
        assertThat(account.secondary().percentPerHour()).isCloseTo(5.0, within(1e-9));
        assertThat(account.runsOutAt()).isEqualTo(NOW.plus(Duration.ofHours(4)));
        assertThat(forecast.pool().hoursLeft()).isCloseTo(4.0, within(1e-9));
        assertThat(forecast.pool().runsOutAt()).isEqualTo(NOW.plus(Duration.ofHours(4)));
    }

    @Test
    void a_window_that_resets_before_it_fills_says_so_and_does_not_end_the_account() {
        UsageReport a = report("a", "plus", 50.0, NOW.plus(Duration.ofMinutes(30)), 10.0,
                NOW.plus(Duration.ofDays(3)));

        UsageForecast.AccountForecast account = UsageForecast.of(List.of(a), List.of(traffic("a",
                NOW.minusSeconds(3600), 2, 1_000)), List.of(traffic("a", HOUR, 2, 1_000)), NOW).accounts().get(0);

        assertThat(account.primary().resetsFirst()).isTrue();
        assertThat(account.runsOutAt()).isEqualTo(account.secondary().runsOutAt());
    }

    @Test
    void an_account_without_history_borrows_its_plans_average_and_the_pool_sums_what_is_left() {
        UsageReport known = report("a", "plus", 10.0, NOW.plus(Duration.ofHours(4)), null, null);
        UsageReport fresh = report("b", "plus", 0.0, NOW.plus(Duration.ofHours(5)), null, null);
        UsageReport other = report("c", "pro", 30.0, NOW.plus(Duration.ofHours(5)), null, null);

        UsageForecast forecast = UsageForecast.of(List.of(known, fresh, other),
                List.of(traffic("a", NOW.minusSeconds(3600), 1, 1_000)), List.of(traffic("a", HOUR, 1, 1_000)), NOW);

        assertThat(forecast.accounts().get(1).primary().percentPerHour()).isZero();
        assertThat(forecast.pool().unknownAccounts()).isEqualTo(1);
        assertThat(forecast.pool().hoursLeft()).as("(90 + 100) % at 1 % per 100 tokens, 1000 tokens an hour")
                .isCloseTo(19.0, within(1e-9));
    }

    @Test
    void without_traffic_nothing_runs_out() {
        UsageReport a = report("a", "plus", 40.0, NOW.plus(Duration.ofHours(2)), 20.0, NOW.plus(Duration.ofDays(2)));

        UsageForecast forecast = UsageForecast.of(List.of(a), List.of(), List.of(), NOW);

        assertThat(forecast.pool().tokensPerHour()).isZero();
        assertThat(forecast.pool().hoursLeft()).isNull();
        assertThat(forecast.accounts().get(0).runsOutAt()).isNull();
        assertThat(forecast.accounts().get(0).primary().percentPerHour()).isZero();
    }

    @Test
    void a_free_account_with_only_a_weekly_window_is_forecast_on_it() {
        UsageReport free = report("f", "free", null, null, 60.0, NOW.plus(Duration.ofDays(2)));

        UsageForecast.AccountForecast account = UsageForecast.of(List.of(free),
                List.of(traffic("f", NOW.minusSeconds(3600), 3, 600)), List.of(traffic("f", HOUR, 3, 600)), NOW)
                .accounts().get(0);

        assertThat(account.primary()).isNull();
        assertThat(account.secondary().percentPerHour()).isCloseTo(60.0, within(1e-9));
        assertThat(account.runsOutAt()).isEqualTo(NOW.plus(Duration.ofMinutes(40)));
    }

    @Test
    void traffic_on_a_plan_whose_usage_has_not_moved_yet_leaves_the_burn_rate_unknown() {
        UsageReport fresh = report("a", "plus", 0.0, NOW.plus(Duration.ofHours(5)), 0.0, NOW.plus(Duration.ofDays(7)));

        UsageForecast forecast = UsageForecast.of(List.of(fresh), List.of(traffic("a", NOW.minusSeconds(3600), 40,
                20_000)), List.of(traffic("a", HOUR, 40, 20_000)), NOW);

        UsageForecast.AccountForecast account = forecast.accounts().get(0);
        assertThat(account.tokensPerHour()).isEqualTo(20_000);
        assertThat(account.primary().percentPerHour()).isNull();
        assertThat(account.primary().runsOutAt()).isNull();
        assertThat(account.runsOutAt()).isNull();
        assertThat(forecast.pool().unknownAccounts()).isEqualTo(1);
        assertThat(forecast.pool().hoursLeft()).isNull();
    }
}
