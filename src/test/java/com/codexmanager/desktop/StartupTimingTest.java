package com.codexmanager.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartupTimingTest {
    private static final Instant START = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void the_ready_line_names_each_milestone_from_process_start_and_is_logged_once() {
        MutableClock clock = new MutableClock(START);
        StartupTiming timing = new StartupTiming(START, clock);
        clock.advance(Duration.ofMillis(1200));
        timing.serviceUp();
        clock.advance(Duration.ofMillis(450));
        timing.windowShown();
        clock.advance(Duration.ofMillis(180));

        assertThat(timing.firstData()).contains(
                "Desktop ready: 1830 ms after process start (service up at 1200 ms, window shown at 1650 ms)");
        clock.advance(Duration.ofSeconds(30));
        assertThat(timing.firstData()).isEmpty();
    }

    @Test
    void a_remote_service_has_no_service_start_milestone() {
        MutableClock clock = new MutableClock(START);
        StartupTiming timing = new StartupTiming(START, clock);
        clock.advance(Duration.ofMillis(700));
        timing.windowShown();

        assertThat(timing.firstData()).hasValueSatisfying(line -> assertThat(line)
                .contains("service up at - ms", "window shown at 700 ms"));
    }
}
