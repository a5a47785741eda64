package com.codexmanager.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
    private static String format(Instant instant) {
        return IsoInstants.append(new StringBuilder(), instant).toString();
    }

    @Test
    void writes_what_instant_to_string_writes_for_every_precision() {
        for (Instant instant : new Instant[] {
                Instant.parse("2026-12-06T17:33:29Z"),
                Instant.parse("2026-12-06T17:33:29.100Z"),
                Instant.parse("2026-12-06T17:33:29.000100Z"),
                Instant.parse("2026-12-06T17:33:29.000000001Z"),
                Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.EPOCH,
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.5Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z")}) {
            assertThat(format(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void matches_instant_to_string_on_random_instants_including_repeated_seconds() {
        SplittableRandom random = new SplittableRandom(42);
        long second = 1_780_000_000L;
        for (int i = 0; i < 20_000; i++) {
            if (random.nextInt(4) == 0) {
                second = random.nextLong(-62_000_000_000L, 253_000_000_000L);
            }
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertThat(format(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void appends_to_what_is_already_there() {
        assertThat(IsoInstants.append(new StringBuilder("ts="), Instant.parse("2026-01-02T03:04:05.678Z")))
                .hasToString("ts=2026-01-02T03:04:05.678Z");
    }
}
