package com.codexmanager.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The availability table of {@link AvailabilityRule}, case by case. */
class AvailabilityRuleTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant SOON = NOW.plusSeconds(3600);
    private static final Instant LATER = NOW.plusSeconds(86_400);
    private static final Instant PAST = NOW.minusSeconds(1);

    private static UsageWindow fiveHour(Double used, Instant reset) {
        return new UsageWindow(used, 300L, reset);
    }

    private static UsageWindow weekly(Double used, Instant reset) {
        return new UsageWindow(used, 10080L, reset);
    }

    private static UsageSnapshot snapshot(UsageWindow primary, UsageWindow secondary, boolean limitReached) {
        return new UsageSnapshot("acc", NOW.minusSeconds(60), UsageSource.POLL, "plus", limitReached, primary,
                secondary, null, List.of());
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("both windows below 100", fiveHour(10.0, SOON), weekly(50.0, LATER), false,
                        Availability.AVAILABLE, null),
                Arguments.of("both at 99.9", fiveHour(99.9, SOON), weekly(99.9, LATER), false,
                        Availability.AVAILABLE, null),
                Arguments.of("5 h known, weekly missing", fiveHour(10.0, SOON), null, false,
                        Availability.PRIMARY_WINDOW_AVAILABLE_ONLY, null),
                Arguments.of("5 h known, weekly half present (no percent)", fiveHour(10.0, SOON),
                        new UsageWindow(null, 10080L, LATER), false, Availability.PRIMARY_WINDOW_AVAILABLE_ONLY, null),
                Arguments.of("free plan: weekly only", null, weekly(30.0, LATER), false, Availability.AVAILABLE,
                        null),
                Arguments.of("5 h exhausted", fiveHour(100.0, SOON), weekly(50.0, LATER), false,
                        Availability.UNAVAILABLE, SOON),
                Arguments.of("5 h above 100", fiveHour(104.5, SOON), null, false, Availability.UNAVAILABLE, SOON),
                Arguments.of("weekly exhausted", fiveHour(10.0, SOON), weekly(100.0, LATER), false,
                        Availability.UNAVAILABLE, LATER),
                Arguments.of("both exhausted: available when the later resets", fiveHour(100.0, SOON),
                        weekly(100.0, LATER), false, Availability.UNAVAILABLE, LATER),
                Arguments.of("free plan exhausted", null, weekly(100.0, LATER), false, Availability.UNAVAILABLE,
                        LATER),
                Arguments.of("exhausted without a reset time", fiveHour(100.0, null), null, false,
                        Availability.UNAVAILABLE, null),
                Arguments.of("exhausted 5 h whose reset has passed", fiveHour(100.0, PAST), weekly(50.0, LATER),
                        false, Availability.AVAILABLE, null),
                Arguments.of("limit_reached below 100 %", fiveHour(97.0, SOON), weekly(50.0, LATER), true,
                        Availability.UNAVAILABLE, LATER),
                Arguments.of("limit_reached explained by a full 5 h window that has reset", fiveHour(100.0, PAST),
                        weekly(40.0, LATER), true, Availability.AVAILABLE, null),
                Arguments.of("limit_reached without windows", null, null, true, Availability.UNAVAILABLE, null),
                Arguments.of("limit_reached after every window reset", fiveHour(97.0, PAST), null, true,
                        Availability.PRIMARY_WINDOW_AVAILABLE_ONLY, null),
                Arguments.of("no windows", null, null, false, Availability.UNKNOWN, null),
                Arguments.of("windows without percent", new UsageWindow(null, 300L, SOON),
                        new UsageWindow(null, 10080L, LATER), false, Availability.UNKNOWN, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void availability_follows_the_table(String name, UsageWindow primary, UsageWindow secondary,
            boolean limitReached, Availability expected, Instant availableAt) {
        AvailabilityVerdict verdict = AvailabilityRule.evaluate(snapshot(primary, secondary, limitReached), NOW);

        assertThat(verdict.status()).isEqualTo(expected);
        assertThat(verdict.availableAt()).isEqualTo(availableAt);
        assertThat(verdict.routable()).isEqualTo(expected != Availability.UNAVAILABLE);
    }

    @Test
    void no_snapshot_is_unknown_and_routable() {
        assertThat(AvailabilityRule.evaluate(null, NOW)).isEqualTo(AvailabilityVerdict.UNKNOWN);
        assertThat(AvailabilityVerdict.UNKNOWN.routable()).isTrue();
    }

    @Test
    void an_exhausted_account_becomes_available_by_itself_at_the_reset_instant() {
        UsageSnapshot exhausted = snapshot(fiveHour(100.0, SOON), weekly(20.0, LATER), false);

        assertThat(AvailabilityRule.evaluate(exhausted, SOON.minusMillis(1)).status())
                .isEqualTo(Availability.UNAVAILABLE);
        assertThat(AvailabilityRule.evaluate(exhausted, SOON).status()).isEqualTo(Availability.AVAILABLE);
    }

    @Test
    void wire_names_match_the_original_product() {
        assertThat(Stream.of(Availability.values()).map(Availability::wireName)).containsExactly("available",
                "primary_window_available_only", "unavailable", "unknown");
        assertThat(com.codexmanager.json.Json.write(Availability.PRIMARY_WINDOW_AVAILABLE_ONLY))
                .isEqualTo("\"primary_window_available_only\"");
    }
}
