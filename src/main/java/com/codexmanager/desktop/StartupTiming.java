package com.codexmanager.desktop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the desktop took from process start to a usable first window: the service answering, the window on
 * screen, and the first account data in it. Logged once, at INFO, in a fixed format that
 * {@code scripts/bench-desktop-startup.sh} reads. Thread-safe.
 */
public final class StartupTiming {
    private static final Logger log = LoggerFactory.getLogger(StartupTiming.class);
    /** The marker the benchmark script looks for; keep in sync with the script. */
    static final String READY_MARKER = "Desktop ready:";

    private final Instant processStart;
    private final Clock clock;
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile Duration serviceUp;
    private volatile Duration windowShown;

    StartupTiming(Instant processStart, Clock clock) {
        this.processStart = processStart;
        this.clock = clock;
    }

    /** Timing from this process's start as the OS recorded it (falls back to now when the OS does not say). */
    static StartupTiming forProcess() {
        Clock clock = Clock.systemUTC();
        Optional<Instant> started = ProcessHandle.current().info().startInstant();
        return new StartupTiming(started.orElseGet(clock::instant), clock);
    }

    void serviceUp() {
        serviceUp = sinceStart();
    }

    void windowShown() {
        windowShown = sinceStart();
    }

    /**
     * The first window shows account data: logs the summary line the first time and returns it; later calls
     * return empty.
     */
    Optional<String> firstData() {
        if (!reported.compareAndSet(false, true)) {
            return Optional.empty();
        }
        String line = READY_MARKER + " " + sinceStart().toMillis() + " ms after process start (service up at "
                + millis(serviceUp) + " ms, window shown at " + millis(windowShown) + " ms)";
        log.info(line);
        return Optional.of(line);
    }

    private Duration sinceStart() {
        return Duration.between(processStart, clock.instant());
    }

    private static String millis(Duration d) {
        return d == null ? "-" : Long.toString(d.toMillis());
    }
}
