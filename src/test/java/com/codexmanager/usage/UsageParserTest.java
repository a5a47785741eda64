package com.codexmanager.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every shape of codex-protocol.md §3.2. */
class UsageParserTest {
    private static final Instant NOW = Instant.parse("2026-08-27T12:00:00Z");

    private static UsageSnapshot parse(String json) {
        return UsageParser.parse(json, "acc_1", NOW);
    }

    @Test
    void the_reference_example_fills_both_windows_credits_and_the_additional_family() {
        UsageSnapshot s = parse("""
                {"user_id":"user-FAKE0001","account_id":"user-FAKE0001","email":"dev1@example.test",
                 "plan_type":"plus",
                 "rate_limit":{"allowed":true,"limit_reached":false,
                   "primary_window":{"used_percent":12,"limit_window_seconds":18000,"reset_after_seconds":16882,
                                     "reset_at":1787860125},
                   "secondary_window":{"used_percent":64,"limit_window_seconds":604800,
                                       "reset_after_seconds":429708,"reset_at":1788272951}},
                 "code_review_rate_limit":null,
                 "additional_rate_limits":[{"limit_name":"GPT-5.3-Codex-Spark","metered_feature":"codex_other",
                   "rate_limit":{"allowed":true,"limit_reached":false,
                     "primary_window":{"used_percent":0,"limit_window_seconds":18000,"reset_after_seconds":18000,
                                       "reset_at":1787227541},
                     "secondary_window":{"used_percent":0,"limit_window_seconds":604800,
                                         "reset_after_seconds":604800,"reset_at":1787814341}}}],
                 "credits":{"has_credits":false,"unlimited":false,"overage_limit_reached":false,"balance":"0"},
                 "spend_control":{"reached":false,"individual_limit":null},
                 "rate_limit_reached_type":null,"promo":null,"referral_beacon":null}
                """);

        assertThat(s.planType()).isEqualTo("plus");
        assertThat(s.limitReached()).isFalse();
        assertThat(s.primary()).isEqualTo(new UsageWindow(12.0, 300L, Instant.ofEpochSecond(1787860125)));
        assertThat(s.secondary()).isEqualTo(new UsageWindow(64.0, 10080L, Instant.ofEpochSecond(1788272951)));
        assertThat(s.creditsJson()).contains("\"balance\":\"0\"").contains("\"has_credits\":false");
        assertThat(s.additionalLimits()).singleElement().satisfies(limit -> {
            assertThat(limit.limitName()).isEqualTo("GPT-5.3-Codex-Spark");
            assertThat(limit.meteredFeature()).isEqualTo("codex_other");
            assertThat(limit.primary().windowMinutes()).isEqualTo(300L);
            assertThat(limit.secondary().windowMinutes()).isEqualTo(10080L);
        });
        assertThat(s.source()).isEqualTo(UsageSource.POLL);
        assertThat(s.capturedAt()).isEqualTo(NOW);
    }

    @Test
    void a_free_plan_weekly_primary_window_is_classified_as_the_weekly_window() {
        UsageSnapshot s = parse("""
                {"plan_type":"free","rate_limit":{"allowed":true,"limit_reached":false,
                  "primary_window":{"used_percent":40,"limit_window_seconds":604800,"reset_at":1788272951},
                  "secondary_window":null}}
                """);

        assertThat(s.primary()).isNull();
        assertThat(s.secondary()).isEqualTo(new UsageWindow(40.0, 10080L, Instant.ofEpochSecond(1788272951)));
    }

    @Test
    void windows_sent_under_swapped_keys_are_still_classified_by_their_length() {
        UsageSnapshot s = parse("""
                {"rate_limit":{"primary_window":{"used_percent":70,"limit_window_seconds":604800},
                               "secondary_window":{"used_percent":5,"limit_window_seconds":18000}}}
                """);

        assertThat(s.primary().usedPercent()).isEqualTo(5.0);
        assertThat(s.secondary().usedPercent()).isEqualTo(70.0);
    }

    @Test
    void null_or_absent_rate_limit_credits_and_additional_limits_give_an_empty_snapshot() {
        for (String json : new String[] {
                "{\"plan_type\":\"plus\",\"rate_limit\":null,\"credits\":null,\"additional_rate_limits\":null}",
                "{}"}) {
            UsageSnapshot s = parse(json);

            assertThat(s.primary()).isNull();
            assertThat(s.secondary()).isNull();
            assertThat(s.creditsJson()).isNull();
            assertThat(s.additionalLimits()).isEmpty();
            assertThat(s.limitReached()).isFalse();
        }
    }

    @Test
    void null_fields_inside_a_window_leave_those_values_unknown() {
        UsageSnapshot s = parse("""
                {"rate_limit":{"primary_window":{"used_percent":null,"limit_window_seconds":18000,
                                                 "reset_after_seconds":null,"reset_at":null},
                               "secondary_window":{"used_percent":3,"limit_window_seconds":null}}}
                """);

        assertThat(s.primary()).isEqualTo(new UsageWindow(null, 300L, null));
        assertThat(s.primary().known()).isFalse();
        assertThat(s.secondary()).as("a window without a length cannot be classified").isNull();
    }

    @Test
    void fractional_and_string_percentages_are_read_as_numbers() {
        UsageSnapshot s = parse("""
                {"rate_limit":{"primary_window":{"used_percent":25.5,"limit_window_seconds":18000.0},
                               "secondary_window":{"used_percent":"12.5","limit_window_seconds":"604800"}}}
                """);

        assertThat(s.primary().usedPercent()).isEqualTo(25.5);
        assertThat(s.primary().windowMinutes()).isEqualTo(300L);
        assertThat(s.secondary().usedPercent()).isEqualTo(12.5);
        assertThat(s.secondary().windowMinutes()).isEqualTo(10080L);
    }

    @Test
    void reset_after_seconds_is_used_when_reset_at_is_missing() {
        UsageSnapshot s = parse("""
                {"rate_limit":{"primary_window":{"used_percent":1,"limit_window_seconds":18000,
                                                 "reset_after_seconds":600}}}
                """);

        assertThat(s.primary().resetsAt()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void limit_reached_or_not_allowed_mark_the_snapshot_as_reached() {
        assertThat(parse("{\"rate_limit\":{\"limit_reached\":true}}").limitReached()).isTrue();
        assertThat(parse("{\"rate_limit\":{\"allowed\":false,\"limit_reached\":false}}").limitReached()).isTrue();
        assertThat(parse("{\"rate_limit\":{\"allowed\":true}}").limitReached()).isFalse();
    }

    @Test
    void additional_limits_as_a_map_and_other_top_level_rate_limits_are_kept() {
        UsageSnapshot s = parse("""
                {"additional_rate_limits":{"codex_other":{"limit_name":"Spark","rate_limit":{"limit_reached":true,
                   "primary_window":{"used_percent":100,"limit_window_seconds":18000}}}},
                 "code_review_rate_limit":{"allowed":true,"limit_reached":false,
                   "primary_window":{"used_percent":9,"limit_window_seconds":604800}}}
                """);

        assertThat(s.additionalLimits()).hasSize(2);
        assertThat(s.additionalLimits().get(0)).satisfies(limit -> {
            assertThat(limit.meteredFeature()).isEqualTo("codex_other");
            assertThat(limit.limitName()).isEqualTo("Spark");
            assertThat(limit.limitReached()).isTrue();
        });
        assertThat(s.additionalLimits().get(1)).satisfies(limit -> {
            assertThat(limit.meteredFeature()).isEqualTo("code_review_rate_limit");
            assertThat(limit.secondary().usedPercent()).isEqualTo(9.0);
        });
        assertThat(s.limitReached()).as("other families do not limit the account").isFalse();
    }

    @Test
    void a_body_that_is_not_a_json_object_is_an_invalid_response_without_the_body_in_the_message() {
        assertThatThrownBy(() -> parse("<html>secret-page</html>"))
                .isInstanceOfSatisfying(UsageFetchException.class,
                        e -> assertThat(e.reason()).isEqualTo(UsageFetchException.Reason.INVALID_RESPONSE))
                .message().doesNotContain("secret-page");
        assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(UsageFetchException.class);
    }
}
