package com.codexmanager.usage;

import java.time.Instant;
import java.util.List;

/**
 * The usage of one account at one instant. Immutable.
 *
 * <p>{@code primary} is always the short window (5 h) and {@code secondary} the long one (7 d), assigned by window
 * length, never by the upstream's key names: a free plan has only a weekly window, which lands in
 * {@code secondary} while {@code primary} stays null.
 *
 * @param planType         open string ({@code plus}, {@code free}, …); nullable
 * @param limitReached     the upstream said {@code limit_reached} or {@code allowed: false}
 * @param primary          nullable
 * @param secondary        nullable
 * @param creditsJson      the {@code credits} object as JSON text; nullable
 * @param additionalLimits other metered families; never null
 */
public record UsageSnapshot(String accountId, Instant capturedAt, UsageSource source, String planType,
        boolean limitReached, UsageWindow primary, UsageWindow secondary, String creditsJson,
        List<AdditionalLimit> additionalLimits) {
    public UsageSnapshot {
        additionalLimits = additionalLimits == null ? List.of() : List.copyOf(additionalLimits);
    }

    /** Whether any main window is known. */
    public boolean hasKnownWindow() {
        return (primary != null && primary.known()) || (secondary != null && secondary.known());
    }
}
