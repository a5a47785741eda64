package com.codexmanager.testkit;

import java.time.Instant;

/**
 * The usage counters of one account. Thread-safe: every method locks the instance.
 *
 * <p>A window resets to 0 % when the clock reaches its reset time; the next reset is then one window length
 * later (rolled forward as often as needed).
 */
final class QuotaState {
    private final UsageShape shape;
    private final double primaryIncrement;
    private final double secondaryIncrement;
    private final Window primary;
    private final Window secondary;
    private final Window otherPrimary;
    private final Window otherSecondary;

    QuotaState(AccountSpec spec, Instant now) {
        this.shape = spec.effectiveUsageShape();
        this.primaryIncrement = spec.primaryIncrementPercent();
        this.secondaryIncrement = spec.secondaryIncrementPercent();
        switch (shape) {
            case FIVE_HOUR_AND_WEEKLY -> {
                primary = new Window(QuotaWindow.FIVE_HOURS_SECONDS, spec.primaryUsedPercent(), now);
                secondary = new Window(QuotaWindow.WEEK_SECONDS, spec.secondaryUsedPercent(), now);
            }
            case WEEKLY_ONLY -> {
                primary = new Window(QuotaWindow.WEEK_SECONDS, spec.primaryUsedPercent(), now);
                secondary = null;
            }
            default -> {
                primary = null;
                secondary = null;
            }
        }
        boolean other = spec.additionalRateLimits();
        this.otherPrimary = other ? new Window(QuotaWindow.FIVE_HOURS_SECONDS, 0, now) : null;
        this.otherSecondary = other ? new Window(QuotaWindow.WEEK_SECONDS, 0, now) : null;
    }

    synchronized QuotaSnapshot snapshot(Instant now) {
        return new QuotaSnapshot(shape, report(primary, now), report(secondary, now), report(otherPrimary, now),
                report(otherSecondary, now));
    }

    /** Adds one call's increments and returns the state after it. */
    synchronized QuotaSnapshot consume(Instant now) {
        if (primary != null) {
            primary.add(primaryIncrement, now);
        }
        if (secondary != null) {
            secondary.add(secondaryIncrement, now);
        }
        return snapshot(now);
    }

    synchronized void setPrimaryUsedPercent(double percent, Instant now) {
        requireWindow(primary, "primary").set(percent, now);
    }

    synchronized void setSecondaryUsedPercent(double percent, Instant now) {
        requireWindow(secondary, "secondary").set(percent, now);
    }

    private Window requireWindow(Window window, String name) {
        if (window == null) {
            throw new IllegalStateException("usage shape " + shape + " has no " + name + " window");
        }
        return window;
    }

    private static QuotaWindow report(Window window, Instant now) {
        if (window == null) {
            return null;
        }
        window.roll(now);
        long resetAt = window.resetAt.getEpochSecond();
        return new QuotaWindow(window.lengthSeconds, window.usedPercent, resetAt,
                Math.max(0, resetAt - now.getEpochSecond()));
    }

    /** Mutable window; guarded by the enclosing {@link QuotaState}. */
    private static final class Window {
        private final long lengthSeconds;
        private double usedPercent;
        private Instant resetAt;

        Window(long lengthSeconds, double usedPercent, Instant start) {
            this.lengthSeconds = lengthSeconds;
            this.usedPercent = usedPercent;
            this.resetAt = start.plusSeconds(lengthSeconds);
        }

        void roll(Instant now) {
            if (now.isBefore(resetAt)) {
                return;
            }
            long periods = (now.getEpochSecond() - resetAt.getEpochSecond()) / lengthSeconds + 1;
            resetAt = resetAt.plusSeconds(periods * lengthSeconds);
            usedPercent = 0;
        }

        void add(double percent, Instant now) {
            roll(now);
            usedPercent = Math.min(100, Math.round((usedPercent + percent) * 100) / 100.0);
        }

        void set(double percent, Instant now) {
            if (!(percent >= 0 && percent <= 100)) {
                throw new IllegalArgumentException("percent must be within 0..100: " + percent);
            }
            roll(now);
            usedPercent = percent;
        }
    }
}
