package com.codexmanager.usage;

import java.time.Instant;

/**
 * The availability of one account at one instant and, when it is {@link Availability#UNAVAILABLE}, when it becomes
 * available again. Immutable.
 *
 * @param availableAt only for {@code UNAVAILABLE}: the reset time of the window that binds longest; null when that
 *                    is unknown (then only a new snapshot can lift it) or when the account is not unavailable
 */
public record AvailabilityVerdict(Availability status, Instant availableAt) {
    public static final AvailabilityVerdict UNKNOWN = new AvailabilityVerdict(Availability.UNKNOWN, null);

    public boolean routable() {
        return status.routable();
    }
}
