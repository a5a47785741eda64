package com.codexmanager.gateway.routing;

import java.util.Locale;
import java.util.Optional;

/** How the candidate order is chosen. */
public enum RouteStrategy {
    /** Sort order: the first usable account serves, the next ones are failover. */
    ORDERED,
    /** Round-robin start per (key, model), so load spreads over the pool. */
    BALANCED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a strategy name or alias ({@code round_robin}, {@code rr}, {@code order}, …). */
    public static Optional<RouteStrategy> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "ordered", "order", "sequential", "priority" -> Optional.of(ORDERED);
            case "balanced", "round_robin", "round-robin", "rr" -> Optional.of(BALANCED);
            default -> Optional.empty();
        };
    }
}
