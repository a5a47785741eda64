package com.codexmanager.gateway.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * An account's usage windows as routing sees them: the short (5 h) and the long (7 d) window, each nullable when
 * unknown. Immutable.
 *
 * @param shortWindow the 5-hour window, or {@code null}
 * @param longWindow  the weekly window, or {@code null} (a free plan has only this one)
 */
public record AccountQuota(Window shortWindow, Window longWindow) {
    /** No window known. */
    public static final AccountQuota UNKNOWN = new AccountQuota(null, null);

    /**
     * One window: how much of it is used and when it starts over.
     *
     * @param usedPercent   0..100 as last reported
     * @param windowMinutes the window's length (300, 10080)
     * @param resetsAt      when it starts over, or {@code null} when unknown
     */
    public record Window(double usedPercent, long windowMinutes, Instant resetsAt) {
        public Window {
            if (windowMinutes <= 0) {
                throw new IllegalArgumentException("windowMinutes must be positive: " + windowMinutes);
            }
        }

        /** The used percent now: 0 once the window has started over, else as reported (clamped to 0..100). */
        public double usedAt(Instant now) {
            if (resetsAt != null && !now.isBefore(resetsAt)) {
                return 0;
            }
            return Math.max(0, Math.min(100, usedPercent));
        }

        /** Time until the window starts over: to its reset, or (past it, or unknown) a whole window length. */
        public Duration untilResetAt(Instant now) {
            Duration length = Duration.ofMinutes(windowMinutes);
            if (resetsAt == null) {
                return length;
            }
            if (now.isBefore(resetsAt)) {
                return Duration.between(now, resetsAt);
            }
            long periods = Duration.between(resetsAt, now).toMillis() / length.toMillis() + 1;
            return Duration.between(now, resetsAt.plus(length.multipliedBy(periods)));
        }
    }

    public boolean known() {
        return shortWindow != null || longWindow != null;
    }

    /** The higher used percent of the known windows now; {@code fallback} when none is known. */
    public double maxUsedAt(Instant now, double fallback) {
        if (!known()) {
            return fallback;
        }
        double used = 0;
        if (shortWindow != null) {
            used = Math.max(used, shortWindow.usedAt(now));
        }
        if (longWindow != null) {
            used = Math.max(used, longWindow.usedAt(now));
        }
        return used;
    }
}
