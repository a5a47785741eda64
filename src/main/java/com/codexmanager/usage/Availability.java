package com.codexmanager.usage;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;

/**
 * Whether an account's usage lets it serve requests, as the RPC, the desktop and the gateway all see it. Computed by
 * {@link AvailabilityRule#evaluate}, the one place that decides it.
 */
public enum Availability {
    /** Every known window is below 100 % and at least the weekly window is known. */
    @SerializedName("available") AVAILABLE,
    /** The 5-hour window is below 100 % and the weekly window is unknown. */
    @SerializedName("primary_window_available_only") PRIMARY_WINDOW_AVAILABLE_ONLY,
    /** A window is at 100 % (not yet reset) or the upstream said the limit is reached. */
    @SerializedName("unavailable") UNAVAILABLE,
    /** No usable data. */
    @SerializedName("unknown") UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the gateway may route to an account with this availability (only {@link #UNAVAILABLE} may not). */
    public boolean routable() {
        return this != UNAVAILABLE;
    }
}
