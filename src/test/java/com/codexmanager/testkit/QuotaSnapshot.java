package com.codexmanager.testkit;

import java.util.Optional;

/**
 * An account's windows at one instant. Immutable. With {@link UsageShape#NONE} both windows are absent;
 * with {@link UsageShape#WEEKLY_ONLY} only the (weekly) primary is present.
 *
 * @param primary nullable
 * @param secondary nullable
 * @param otherPrimary nullable: the 5-hour window of the additional {@code codex_other} family
 * @param otherSecondary nullable: the weekly window of the additional {@code codex_other} family
 */
record QuotaSnapshot(UsageShape shape, QuotaWindow primary, QuotaWindow secondary, QuotaWindow otherPrimary,
        QuotaWindow otherSecondary) {
    static final String OTHER_LIMIT_NAME = "GPT-5.3-Codex-Spark";
    static final String OTHER_METERED_FEATURE = "codex_other";

    boolean hasAdditionalLimits() {
        return otherPrimary != null;
    }

    Optional<QuotaWindow> primaryWindow() {
        return Optional.ofNullable(primary);
    }

    Optional<QuotaWindow> secondaryWindow() {
        return Optional.ofNullable(secondary);
    }

    boolean limitReached() {
        return (primary != null && primary.exhausted()) || (secondary != null && secondary.exhausted());
    }

    /** The exhausted window that resets last, else the primary; empty when there are no windows. */
    Optional<QuotaWindow> bindingWindow() {
        QuotaWindow binding = null;
        for (QuotaWindow window : new QuotaWindow[] {primary, secondary}) {
            if (window != null && window.exhausted()
                    && (binding == null || window.resetAtEpochSecond() > binding.resetAtEpochSecond())) {
                binding = window;
            }
        }
        return Optional.ofNullable(binding != null ? binding : primary);
    }

    /** The same snapshot with the primary window shown at 100 %, for a scripted usage-limit reply. */
    QuotaSnapshot withPrimaryExhausted() {
        if (primary == null) {
            return this;
        }
        return new QuotaSnapshot(shape, primary.withUsedPercent(100), secondary, otherPrimary, otherSecondary);
    }
}
