package com.codexmanager.gateway.routing;

import java.time.Instant;
import java.util.List;

/**
 * The result of candidate selection: accounts to try in order, and the accounts passed over with their reason.
 * Immutable.
 *
 * @param source how the head of the list was chosen: {@code affinity}, {@code preferred} or the strategy code
 */
public record Selection(List<PoolAccount> candidates, List<Skip> skips, String source) {
    public Selection {
        candidates = List.copyOf(candidates);
        skips = List.copyOf(skips);
    }

    /** One account passed over. {@code until} is when the reason ends, or {@code null} if unknown. */
    public record Skip(String accountId, SkipReason reason, Instant until) {
    }

    public boolean isEmpty() {
        return candidates.isEmpty();
    }
}
