package com.codexmanager.usage;

import java.time.Instant;

/**
 * THE availability function (codexmanager-behaviour.md §7.3, §15 weak point 7): the RPC, the desktop and the
 * gateway's candidate filter all call {@link #evaluate}, so they can never disagree. Stateless.
 *
 * <table>
 *   <caption>Rules, first match wins ("known" = used % and window length present; a window whose reset time has
 *   passed counts as fine)</caption>
 *   <tr><td>a known window ≥ 100 % that has not reset</td>
 *       <td>{@code unavailable}, until the latest such reset time ({@code limitReached} is then attributed to the
 *       full windows and ends with them)</td></tr>
 *   <tr><td>no window ≥ 100 % but {@code limitReached}, while some window has not reset</td>
 *       <td>{@code unavailable}, until the latest pending reset time</td></tr>
 *   <tr><td>5 h known and 7 d known</td><td>{@code available}</td></tr>
 *   <tr><td>5 h known, 7 d unknown</td><td>{@code primary_window_available_only}</td></tr>
 *   <tr><td>5 h unknown, 7 d known (free plans: a weekly window only)</td><td>{@code available}</td></tr>
 *   <tr><td>otherwise, or no snapshot</td><td>{@code unknown}</td></tr>
 * </table>
 */
public final class AvailabilityRule {
    private AvailabilityRule() {
    }

    /** @param snapshot nullable: no data yet */
    public static AvailabilityVerdict evaluate(UsageSnapshot snapshot, Instant now) {
        if (snapshot == null) {
            return AvailabilityVerdict.UNKNOWN;
        }
        UsageWindow primary = snapshot.primary();
        UsageWindow secondary = snapshot.secondary();
        boolean primaryFull = full(primary);
        boolean secondaryFull = full(secondary);
        if (primaryFull || secondaryFull) {
            // A full window explains limit_reached; the account is back once every full window has reset.
            UsageWindow first = primaryFull && !primary.resetBy(now) ? primary : null;
            UsageWindow second = secondaryFull && !secondary.resetBy(now) ? secondary : null;
            if (first != null || second != null) {
                return unavailableUntil(first, second);
            }
        } else if (snapshot.limitReached() && !allResetBy(primary, secondary, now)) {
            return unavailableUntil(pending(primary, now), pending(secondary, now));
        }
        boolean primaryKnown = primary != null && primary.known();
        boolean secondaryKnown = secondary != null && secondary.known();
        if (secondaryKnown) {
            return new AvailabilityVerdict(Availability.AVAILABLE, null);
        }
        if (primaryKnown) {
            return new AvailabilityVerdict(Availability.PRIMARY_WINDOW_AVAILABLE_ONLY, null);
        }
        return AvailabilityVerdict.UNKNOWN;
    }

    private static boolean full(UsageWindow window) {
        return window != null && window.known() && window.usedPercent() >= 100;
    }

    /** {@code limitReached} is over once every window it could refer to has reset; with no window it holds. */
    private static boolean allResetBy(UsageWindow primary, UsageWindow secondary, Instant now) {
        boolean any = primary != null || secondary != null;
        return any && (primary == null || primary.resetBy(now)) && (secondary == null || secondary.resetBy(now));
    }

    private static UsageWindow pending(UsageWindow window, Instant now) {
        return window != null && !window.resetBy(now) ? window : null;
    }

    /** Available again when the last binding window resets; unknown (null) if any binding reset time is unknown. */
    private static AvailabilityVerdict unavailableUntil(UsageWindow first, UsageWindow second) {
        Instant until = null;
        boolean unknownReset = first == null && second == null;
        for (UsageWindow window : new UsageWindow[] {first, second}) {
            if (window == null) {
                continue;
            }
            if (window.resetsAt() == null) {
                unknownReset = true;
            } else if (until == null || window.resetsAt().isAfter(until)) {
                until = window.resetsAt();
            }
        }
        return new AvailabilityVerdict(Availability.UNAVAILABLE, unknownReset ? null : until);
    }
}
