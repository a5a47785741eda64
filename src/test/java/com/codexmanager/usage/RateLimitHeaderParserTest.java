package com.codexmanager.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code x-codex-*} headers of codex-protocol.md §2.6. */
class RateLimitHeaderParserTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void both_windows_with_absolute_resets_and_credits_are_read() {
        var usage = RateLimitHeaderParser.parse(Map.of(
                "x-codex-primary-used-percent", "12.5",
                "x-codex-primary-window-minutes", "300",
                "x-codex-primary-reset-at", "1772362800",
                "x-codex-secondary-used-percent", "64",
                "x-codex-secondary-window-minutes", "10080",
                "x-codex-secondary-reset-at", "1772900000",
                "x-codex-plan-type", "plus",
                "x-codex-credits-has-credits", "False",
                "x-codex-credits-unlimited", "1",
                "x-codex-credits-balance", "0"), NOW).orElseThrow();

        assertThat(usage.primary()).isEqualTo(new UsageWindow(12.5, 300L, Instant.ofEpochSecond(1772362800)));
        assertThat(usage.secondary()).isEqualTo(new UsageWindow(64.0, 10080L, Instant.ofEpochSecond(1772900000)));
        assertThat(usage.planType()).isEqualTo("plus");
        assertThat(usage.creditsJson()).isEqualTo("{\"has_credits\":false,\"unlimited\":true,\"balance\":\"0\"}");
    }

    @Test
    void a_free_plan_weekly_primary_and_an_empty_secondary_give_only_the_weekly_window() {
        var usage = RateLimitHeaderParser.parse(Map.of(
                "x-codex-primary-used-percent", "40",
                "x-codex-primary-window-minutes", "10080",
                "x-codex-primary-reset-after-seconds", "7200",
                "x-codex-secondary-used-percent", "0",
                "x-codex-secondary-window-minutes", "0"), NOW).orElseThrow();

        assertThat(usage.primary()).isNull();
        assertThat(usage.secondary()).isEqualTo(new UsageWindow(40.0, 10080L, NOW.plusSeconds(7200)));
    }

    @Test
    void zero_percent_without_window_or_reset_is_no_data() {
        assertThat(RateLimitHeaderParser.parse(Map.of("x-codex-primary-used-percent", "0"), NOW)).isEmpty();
        assertThat(RateLimitHeaderParser.parse(Map.of("content-type", "text/event-stream"), NOW)).isEmpty();
    }

    @Test
    void header_names_match_in_any_case_and_garbage_values_are_ignored() {
        var usage = RateLimitHeaderParser.parse(Map.of(
                "X-Codex-Primary-Used-Percent", "100",
                "X-Codex-Primary-Window-Minutes", "300",
                "x-codex-primary-reset-at", "soon",
                "x-codex-secondary-used-percent", "lots"), NOW).orElseThrow();

        assertThat(usage.primary()).isEqualTo(new UsageWindow(100.0, 300L, null));
        assertThat(usage.secondary()).isNull();
    }
}
