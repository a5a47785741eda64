package com.codexmanager.testkit;

/**
 * One rate-limit window as reported at some instant. Immutable.
 *
 * @param windowSeconds 18000 for the 5-hour window, 604800 for the weekly one
 * @param usedPercent 0..100, possibly fractional
 * @param resetAtEpochSecond when the window resets, unix seconds
 * @param resetAfterSeconds seconds from the report instant to the reset
 */
record QuotaWindow(long windowSeconds, double usedPercent, long resetAtEpochSecond, long resetAfterSeconds) {
    static final long FIVE_HOURS_SECONDS = 18_000;
    static final long WEEK_SECONDS = 604_800;

    /** Minutes rounded up, as the Codex CLI converts them. */
    long windowMinutes() {
        return (windowSeconds + 59) / 60;
    }

    boolean exhausted() {
        return usedPercent >= 100;
    }

    QuotaWindow withUsedPercent(double value) {
        return new QuotaWindow(windowSeconds, value, resetAtEpochSecond, resetAfterSeconds);
    }
}
