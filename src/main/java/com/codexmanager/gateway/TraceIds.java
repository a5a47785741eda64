package com.codexmanager.gateway;

import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request trace ids: {@code trc_}, the request's time as 11 hex digits of epoch milliseconds, then 8 random hex
 * digits ({@code trc_1a24b39aa005e03a9b1}). They only correlate log lines and are no secret, so a per-thread
 * generator supplies the random part (a shared {@code SecureRandom} serialised every request on its lock).
 *
 * <p>Time first, because the request log indexes this column: ids that grow with time are appended at the end of
 * the index, where fully random ones landed on a random page each, so every batch of rows rewrote pages all over
 * the index. That was two thirds of the cost of storing a row on H2 and most of the file's growth
 * (BENCHMARKS.md, "Request logs"). Thread-safe.
 */
final class TraceIds {
    private static final HexFormat HEX = HexFormat.of();
    /** The time's hex digits kept: 11 of the 16 cover epoch milliseconds until the year 2527. */
    private static final int TIME_DIGITS = 11;

    private final Clock clock;

    TraceIds(Clock clock) {
        this.clock = clock;
    }

    String next() {
        return "trc_" + HEX.toHexDigits(clock.millis()).substring(16 - TIME_DIGITS)
                + HEX.toHexDigits(ThreadLocalRandom.current().nextInt());
    }
}
