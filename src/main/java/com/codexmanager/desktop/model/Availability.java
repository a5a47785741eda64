package com.codexmanager.desktop.model;

/**
 * The availability badge of an account: the service's {@code availabilityStatus} when usage is known, else derived
 * from the account status.
 */
public enum Availability {
    AVAILABLE("availability.available"),
    SINGLE_WINDOW("availability.singleWindow"),
    UNAVAILABLE("availability.unavailable"),
    NEEDS_LOGIN("availability.needsLogin"),
    DISABLED("availability.disabled"),
    UNKNOWN("availability.unknown");

    private final String textKey;

    Availability(String textKey) {
        this.textKey = textKey;
    }

    public String textKey() {
        return textKey;
    }

    /** Whether the gateway may route to it. */
    public boolean usable() {
        return this == AVAILABLE || this == SINGLE_WINDOW || this == UNKNOWN;
    }

    static Availability of(String status, String statusReason, boolean hasToken, String usageAvailability) {
        if ("disabled".equals(status)) {
            return DISABLED;
        }
        // the service's "unavailable" means authentication failed for good: only a new login helps
        if (!hasToken || "unavailable".equals(status) || statusReason.contains("usage_http_401")) {
            return NEEDS_LOGIN;
        }
        if ("limited".equals(status) || "banned".equals(status)) {
            return UNAVAILABLE;
        }
        return switch (usageAvailability) {
            case "available" -> AVAILABLE;
            case "primary_window_available_only" -> SINGLE_WINDOW;
            case "unavailable" -> UNAVAILABLE;
            default -> UNKNOWN;
        };
    }
}
