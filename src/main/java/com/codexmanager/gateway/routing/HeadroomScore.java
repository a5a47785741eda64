package com.codexmanager.gateway.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code headroom} strategy's score of an account: the pace at which its quota must be spent so that none of it
 * expires unused. The window that resets first (the 5-hour one, or a free plan's only weekly one) sets the pace:
 * the percent left in it divided by the hours until it resets. The weekly window counts as a cap: once less than
 * {@link #WEEKLY_RESERVE_PERCENT} of it is left, the score shrinks in proportion, because the week is then the
 * scarcer resource. The result is multiplied by the plan's relative size, so a percent of a pro plan weighs more
 * than a percent of a free one. More quota left scores higher; quota that resets sooner scores higher, so it is
 * spent first. The score is a pure function of the account and the instant, so the same pool state always ranks
 * the same way. Stateless.
 *
 * <p>An account without usage data counts as half used with a five-hour window. Hours are floored at a quarter of an
 * hour, so a window that is about to reset does not get an unbounded score (the high-water mark keeps nearly
 * spent accounts from new conversations anyway).
 */
public final class HeadroomScore {
    /** Percent used assumed for an account without usage data. */
    public static final double UNKNOWN_USED_PERCENT = 50;
    /** Below this much left of the weekly window, the score shrinks in proportion. */
    public static final double WEEKLY_RESERVE_PERCENT = 25;
    private static final Duration UNKNOWN_HORIZON = Duration.ofHours(5);
    private static final double MIN_HOURS = 0.25;
    /**
     * How large one percent of a plan's window is, relative to plus. Estimates from the plans' published message
     * allowances; unknown plans count as plus.
     */
    private static final Map<String, Double> PLAN_WEIGHTS = Map.of("free", 0.2, "go", 0.5, "plus", 1.0,
            "team", 1.0, "business", 1.0, "enterprise", 1.0, "edu", 1.0, "pro", 10.0);

    private HeadroomScore() {
    }

    /** The score of {@code account} at {@code now}; higher is preferred. */
    public static double of(PoolAccount account, Instant now) {
        AccountQuota quota = account.quota();
        double left;
        Duration horizon;
        double weeklyFactor = 1;
        if (!quota.known()) {
            left = 100 - UNKNOWN_USED_PERCENT;
            horizon = UNKNOWN_HORIZON;
        } else {
            AccountQuota.Window pace = quota.shortWindow() != null ? quota.shortWindow() : quota.longWindow();
            left = 100 - pace.usedAt(now);
            horizon = pace.untilResetAt(now);
            if (quota.shortWindow() != null && quota.longWindow() != null) {
                weeklyFactor = Math.min(1, (100 - quota.longWindow().usedAt(now)) / WEEKLY_RESERVE_PERCENT);
            }
        }
        double hours = Math.max(MIN_HOURS, horizon.toMillis() / 3_600_000.0);
        return left / hours * weeklyFactor * planWeight(account.plan());
    }

    /** The higher used percent of the account's windows now ({@link #UNKNOWN_USED_PERCENT} without data). */
    public static double usedPercent(PoolAccount account, Instant now) {
        return account.quota().maxUsedAt(now, UNKNOWN_USED_PERCENT);
    }

    static double planWeight(String plan) {
        return plan == null ? 1.0 : PLAN_WEIGHTS.getOrDefault(plan.toLowerCase(Locale.ROOT), 1.0);
    }
}
