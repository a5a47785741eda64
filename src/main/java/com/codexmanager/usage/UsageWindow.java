package com.codexmanager.usage;

import java.time.Instant;

/**
 * One rate-limit window as captured: how much of it is used, how long it is, and when it resets. Immutable.
 *
 * <p>Every component is nullable: a window is <em>known</em> only when both {@code usedPercent} and
 * {@code windowMinutes} are present (the original product's rule). Once {@code resetsAt} has passed the window has
 * started over, so it counts as fine whatever was captured before.
 *
 * @param usedPercent   0..100, possibly fractional
 * @param windowMinutes window length rounded up to whole minutes (300 = 5 h, 10080 = 7 d)
 * @param resetsAt      when the window resets
 */
public record UsageWindow(Double usedPercent, Long windowMinutes, Instant resetsAt) {
    public boolean known() {
        return usedPercent != null && windowMinutes != null;
    }

    /** Whether the reset time is known and has been reached. */
    public boolean resetBy(Instant now) {
        return resetsAt != null && !now.isBefore(resetsAt);
    }

    /** Known, at or above 100 % and not yet reset. */
    public boolean exhaustedAt(Instant now) {
        return known() && usedPercent >= 100 && !resetBy(now);
    }

    /** The used percent as of {@code now}: 0 once the window has reset, else as captured (nullable). */
    public Double usedPercentAt(Instant now) {
        return usedPercent != null && resetBy(now) ? Double.valueOf(0) : usedPercent;
    }
}
