package com.codexmanager.desktop;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the desktop took to a usable first window: the service answering, the window on screen, and the first
 * account data in it, each measured from the JVM's start. Logged once, at INFO, with the wall-clock time of
 * readiness in epoch milliseconds so that {@code scripts/bench-desktop-startup.sh} can time the whole launch
 * (including the launcher and JVM boot) from its own clock. Thread-safe.
 */
public final class StartupTiming {
    private static final Logger log = LoggerFactory.getLogger(StartupTiming.class);
    /** The marker the benchmark script looks for; keep in sync with the script. */
    static final String READY_MARKER = "Desktop ready:";

    private final Supplier<Instant> jvmStart;
    private final Clock clock;
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile Instant serviceUp;
    private volatile Instant windowShown;

    /** @param jvmStart asked only when the line is written, so reading it costs nothing before the window */
    StartupTiming(Supplier<Instant> jvmStart, Clock clock) {
        this.jvmStart = jvmStart;
        this.clock = clock;
    }

    /**
     * Timing from this JVM's start. (The OS's process start time is no use here: Linux derives it from a boot
     * time rounded to whole seconds.)
     */
    static StartupTiming forProcess() {
        return new StartupTiming(() -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()),
                Clock.systemUTC());
    }

    void serviceUp() {
        serviceUp = clock.instant();
    }

    void windowShown() {
        windowShown = clock.instant();
    }

    /**
     * The first window shows account data: logs the summary line the first time and returns it; later calls
     * return empty.
     */
    Optional<String> firstData() {
        if (!reported.compareAndSet(false, true)) {
            return Optional.empty();
        }
        Instant ready = clock.instant();
        Instant start = jvmStart.get();
        String line = READY_MARKER + " " + Duration.between(start, ready).toMillis() + " ms after JVM start "
                + "(service up at " + millis(start, serviceUp) + " ms, window shown at " + millis(start, windowShown)
                + " ms; ready at epoch ms " + ready.toEpochMilli() + ")";
        log.info(line);
        return Optional.of(line);
    }

    private static String millis(Instant start, Instant milestone) {
        return milestone == null ? "-" : Long.toString(Duration.between(start, milestone).toMillis());
    }
}
