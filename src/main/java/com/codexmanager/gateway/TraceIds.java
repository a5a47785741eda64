package com.codexmanager.gateway;

import java.time.Clock;
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
    private static final String PREFIX = "trc_";
    /** Hex digits of the time: enough for epoch milliseconds until the year 2527. */
    private static final int TIME_DIGITS = 11;
    private static final int RANDOM_DIGITS = 8;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Clock clock;

    TraceIds(Clock clock) {
        this.clock = clock;
    }

    String next() {
        char[] id = new char[PREFIX.length() + TIME_DIGITS + RANDOM_DIGITS];
        PREFIX.getChars(0, PREFIX.length(), id, 0);
        putHex(id, PREFIX.length(), TIME_DIGITS, clock.millis());
        putHex(id, PREFIX.length() + TIME_DIGITS, RANDOM_DIGITS, ThreadLocalRandom.current().nextInt());
        return new String(id);
    }

    /** Writes the low {@code digits} hex digits of {@code value} into {@code out}, most significant first. */
    private static void putHex(char[] out, int at, int digits, long value) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
