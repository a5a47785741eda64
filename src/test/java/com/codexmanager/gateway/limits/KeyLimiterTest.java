package com.codexmanager.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.port.PlatformKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Per-key limits in memory: a sliding minute of request starts and a calendar day of tokens. */
class KeyLimiterTest {
    private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
    private static final ZoneId ZONE = ZoneOffset.ofHours(8);

    private final KeyLimiter limiter = new KeyLimiter(ZONE);

    private static PlatformKey key(Integer perMinute, Long perDay) {
        return new PlatformKey("gk_1", "cmk_abc", "openai", null, null, List.of(), null, null,
                new PlatformKey.Limits(perMinute, perDay));
    }

    @Test
    void the_fourth_request_within_a_minute_is_refused_until_the_first_leaves_the_window() {
        PlatformKey key = key(3, null);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit(key, T0.plusSeconds(i * 10))).isEmpty();
        }

        Optional<KeyLimiter.Refusal> fourth = limiter.admit(key, T0.plusSeconds(35));

        assertThat(fourth).isPresent();
        assertThat(fourth.get().retryAfter()).isEqualTo(Duration.ofSeconds(25));
        assertThat(fourth.get().message()).contains("3 requests per minute").contains("cmk_abc");
        assertThat(limiter.admit(key, T0.plusSeconds(59))).as("refusals do not count").isPresent();
        assertThat(limiter.admit(key, T0.plusSeconds(60))).isEmpty();
        assertThat(limiter.admit(key, T0.plusSeconds(61))).isPresent();
    }

    @Test
    void what_other_instances_did_counts_against_both_limits_and_is_replaced_by_each_reading() {
        PlatformKey perMinute = key(3, null);
        limiter.othersDid(Map.of(), Map.of("gk_1", 2L), limiter.day(T0));
        assertThat(limiter.admit(perMinute, T0)).isEmpty();

        Optional<KeyLimiter.Refusal> refused = limiter.admit(perMinute, T0.plusSeconds(1));

        assertThat(refused).isPresent();
        assertThat(refused.get().message()).contains("across the instances");
        limiter.othersDid(Map.of(), Map.of(), limiter.day(T0));
        assertThat(limiter.admit(perMinute, T0.plusSeconds(2))).as("the others' minute moved on").isEmpty();

        PlatformKey perDay = key(null, 1_000L);
        limiter.recordTokens("gk_1", 400, T0);
        limiter.othersDid(Map.of("gk_1", 600L), Map.of(), limiter.day(T0));
        assertThat(limiter.admit(perDay, T0.plusSeconds(3))).isPresent();
        limiter.othersDid(Map.of("gk_1", 600L), Map.of(), limiter.day(T0).minusDays(1));
        assertThat(limiter.admit(perDay, T0.plusSeconds(4))).as("yesterday's reading").isEmpty();
    }

    @Test
    void a_key_without_limits_is_never_counted_or_refused() {
        PlatformKey unlimited = key(null, null);

        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.admit(unlimited, T0)).isEmpty();
        }
    }

    @Test
    void tokens_per_day_refuse_once_used_up_until_local_midnight() {
        PlatformKey key = key(null, 1_000L);
        limiter.recordTokens("gk_1", 600, T0);
        assertThat(limiter.admit(key, T0.plusSeconds(1))).isEmpty();
        limiter.recordTokens("gk_1", 400, T0.plusSeconds(2));

        Optional<KeyLimiter.Refusal> refused = limiter.admit(key, T0.plusSeconds(3));

        assertThat(refused).isPresent();
        Instant localMidnight = Instant.parse("2026-03-10T16:00:00Z");
        assertThat(refused.get().retryAfter()).isEqualTo(Duration.between(T0.plusSeconds(3), localMidnight));
        assertThat(refused.get().message()).contains("1000 tokens for today");
        assertThat(limiter.admit(key, localMidnight)).as("a new local day starts over").isEmpty();
        assertThat(limiter.tokensToday("gk_1", localMidnight)).isZero();
    }

    @Test
    void todays_tokens_seeded_from_the_request_log_count_after_a_restart() {
        limiter.seed(Map.of("gk_1", 5_000L), limiter.day(T0));

        assertThat(limiter.admit(key(null, 5_000L), T0)).isPresent();
        assertThat(limiter.admit(key(null, 5_001L), T0)).isEmpty();
    }

    @Test
    void tokens_of_a_record_from_yesterday_do_not_count_today() {
        limiter.recordTokens("gk_1", 900, T0);
        limiter.recordTokens("gk_1", 900, T0.minus(Duration.ofDays(1)));

        assertThat(limiter.tokensToday("gk_1", T0)).isEqualTo(900);
    }

    @Test
    void changing_the_limit_keeps_the_most_recent_starts() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.admit(key(5, null), T0.plusSeconds(i))).isEmpty();
        }

        assertThat(limiter.admit(key(2, null), T0.plusSeconds(10))).as("two starts within the minute")
                .isPresent();
        assertThat(limiter.admit(key(10, null), T0.plusSeconds(11))).isEmpty();
        assertThat(limiter.admit(key(2, null), T0.plusSeconds(63))).as("the last two started at 4 s and 11 s")
                .isPresent();
        assertThat(limiter.admit(key(2, null), T0.plusSeconds(65))).isEmpty();
    }
}
