package com.codexmanager.gateway.routing;

import java.time.Instant;

/**
 * An account as routing sees it: identity, order, group, and the facts that make it routable. A snapshot value;
 * immutable.
 *
 * @param exhaustedUntil when the usage windows say the account is exhausted, the time it becomes usable again;
 *                       {@code null} when it is not exhausted
 */
public record PoolAccount(String id, long sort, String groupName, Status status, boolean hasToken,
        Instant exhaustedUntil) {
    /** Account states that matter for routing. */
    public enum Status { ACTIVE, DISABLED, LIMITED, UNAVAILABLE, BANNED }

    public boolean exhaustedAt(Instant now) {
        return exhaustedUntil != null && exhaustedUntil.isAfter(now);
    }
}
