package com.codexmanager.observability;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Appends an instant exactly as {@link Instant#toString()} writes it ({@code 2026-12-06T17:33:29.123Z}), without
 * {@code DateTimeFormatter}: every trace line starts with its time, and the formatter's printer was the trace
 * writer's largest cost and one of the longest methods the JIT compiled under load (BENCHMARKS.md, ninth session).
 * The date and time of day are kept for the last second seen, so most lines only add their fraction.
 * Thread-safe (the cache is one immutable value behind a volatile field).
 */
final class IsoInstants {
    /** Years outside 0000–9999 take {@code Instant.toString}'s sign and width rules; this class leaves them to it. */
    private static final long MIN_SECOND = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long MAX_SECOND = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private record Second(long epochSecond, String text) {
    }

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private IsoInstants() {
    }

    static StringBuilder append(StringBuilder out, Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
            return out.append(instant);
        }
        Second cached = last;
        if (cached.epochSecond() != seconds) {
            cached = new Second(seconds, secondText(seconds));
            last = cached;
        }
        out.append(cached.text());
        int nanos = instant.getNano();
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(out, nanos / 1_000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        return out.append('Z');
    }

    private static String secondText(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder s = new StringBuilder(19);
        digits(s, t.getYear(), 4).append('-');
        digits(s, t.getMonthValue(), 2).append('-');
        digits(s, t.getDayOfMonth(), 2).append('T');
        digits(s, t.getHour(), 2).append(':');
        digits(s, t.getMinute(), 2).append(':');
        digits(s, t.getSecond(), 2);
        return s.toString();
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        int start = out.length();
        for (int i = 0; i < width; i++) {
            out.append('0');
        }
        for (int i = out.length() - 1; i >= start && value > 0; i--) {
            out.setCharAt(i, (char) ('0' + value % 10));
            value /= 10;
        }
        return out;
    }
}
