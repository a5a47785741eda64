package com.codexmanager.gateway.routing;

import java.util.Locale;
import java.util.Optional;

/** How the candidate order is chosen. */
public enum RouteStrategy {
    /** Sort order: the first usable account serves, the next ones are failover. */
    ORDERED,
    /** Round-robin start per (key, model), so load spreads over the pool. */
    BALANCED,
    /**
     * Best {@link HeadroomScore} first: the most usable quota, counting both windows, and quota that resets soonest
     * is spent first; accounts at the high-water mark get no new conversation while one below half can serve.
     */
    HEADROOM;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a strategy name or alias ({@code round_robin}, {@code rr}, {@code order}, {@code quota} …). */
    public static Optional<RouteStrategy> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "ordered", "order", "sequential", "priority" -> Optional.of(ORDERED);
            case "balanced", "round_robin", "round-robin", "rr" -> Optional.of(BALANCED);
            case "headroom", "quota", "quota_aware", "quota-aware" -> Optional.of(HEADROOM);
            default -> Optional.empty();
        };
    }
}
