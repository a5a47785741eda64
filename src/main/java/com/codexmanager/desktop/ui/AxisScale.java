package com.codexmanager.desktop.ui;

/**
 * A "nice" value axis for a chart: {@link #TICKS} equal steps of 1, 2, 2.5 (from 25 up) or 5 times a power of ten,
 * reaching at least the data's maximum, so the grid lines carry round labels. Immutable.
 *
 * @param max  the value at the top grid line (0 when there is no data)
 * @param step the value between two grid lines
 */
public record AxisScale(long max, long step) {
    public static final int TICKS = 4;

    /** The smallest nice scale that holds {@code dataMax}; at least 0..4 so tiny counts are not stretched. */
    public static AxisScale covering(long dataMax) {
        if (dataMax <= 0) {
            return new AxisScale(0, 0);
        }
        long minimumStep = Math.max(1, (dataMax + TICKS - 1) / TICKS);
        long power = 1;
        while (power * 10 <= minimumStep) {
            power *= 10;
        }
        long[] candidates = power >= 10
                ? new long[] {power, 2 * power, power / 2 * 5, 5 * power, 10 * power}
                : new long[] {power, 2 * power, 5 * power, 10 * power};
        for (long candidate : candidates) {
            if (candidate >= minimumStep) {
                return new AxisScale(candidate * TICKS, candidate);
            }
        }
        throw new AssertionError("10 * power always covers " + dataMax);
    }

    /** The value of grid line {@code i}, 0 at the bottom. */
    public long tick(int i) {
        return step * i;
    }

    /** Where {@code value} sits between the bottom (0) and the top (1). */
    public double fraction(long value) {
        return max == 0 ? 0 : Math.min(1.0, (double) value / max);
    }
}
