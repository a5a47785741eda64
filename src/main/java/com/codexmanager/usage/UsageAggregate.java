package com.codexmanager.usage;

import java.util.Collection;

/**
 * "Pool remaining" (codexmanager-behaviour.md §7.5): the average remaining percent (100 − used, after resets) of
 * the 5-hour and of the weekly window over the accounts that report that window, plus counts. Immutable.
 *
 * @param primaryRemainingPercent   rounded average over {@code primaryAccounts}; null when none reports the window
 * @param secondaryRemainingPercent rounded average over {@code secondaryAccounts}; null when none reports it
 * @param knownCount                accounts with at least one known window
 * @param unknownCount              accounts without usable data
 */
public record UsageAggregate(Integer primaryRemainingPercent, int primaryAccounts, Integer secondaryRemainingPercent,
        int secondaryAccounts, int knownCount, int unknownCount, int availableCount, int primaryOnlyCount,
        int unavailableCount, int totalAccounts) {

    /** Aggregates the given reports (one per pool account). */
    public static UsageAggregate of(Collection<UsageReport> reports) {
        double primarySum = 0;
        double secondarySum = 0;
        int primary = 0;
        int secondary = 0;
        int[] byStatus = new int[Availability.values().length];
        int known = 0;
        for (UsageReport r : reports) {
            byStatus[r.availabilityStatus().ordinal()]++;
            boolean any = false;
            if (r.usedPercent() != null && r.windowMinutes() != null) {
                primarySum += remaining(r.usedPercent());
                primary++;
                any = true;
            }
            if (r.secondaryUsedPercent() != null && r.secondaryWindowMinutes() != null) {
                secondarySum += remaining(r.secondaryUsedPercent());
                secondary++;
                any = true;
            }
            known += any ? 1 : 0;
        }
        return new UsageAggregate(average(primarySum, primary), primary, average(secondarySum, secondary), secondary,
                known, reports.size() - known, byStatus[Availability.AVAILABLE.ordinal()],
                byStatus[Availability.PRIMARY_WINDOW_AVAILABLE_ONLY.ordinal()],
                byStatus[Availability.UNAVAILABLE.ordinal()], reports.size());
    }

    private static double remaining(double used) {
        return Math.max(0, Math.min(100, 100 - used));
    }

    private static Integer average(double sum, int count) {
        return count == 0 ? null : (int) Math.round(sum / count);
    }
}
