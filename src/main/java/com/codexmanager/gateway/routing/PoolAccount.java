package com.codexmanager.gateway.routing;

import java.time.Instant;

/**
 * An account as routing sees it: identity, order, group, plan, usage windows and the facts that make it routable. A
 * snapshot value; immutable.
 *
 * @param exhaustedUntil when the usage windows say the account is exhausted, the time it becomes usable again;
 *                       {@code null} when it is not exhausted
 * @param plan           the ChatGPT plan in lower case ({@code free}, {@code plus}, {@code pro} …), or {@code null}
 *                       when unknown; it decides which model catalogue the account offers
 * @param quota          the latest usage windows; {@link AccountQuota#UNKNOWN} without data
 */
public record PoolAccount(String id, long sort, String groupName, Status status, boolean hasToken,
        Instant exhaustedUntil, String plan, AccountQuota quota) {
    /** Account states that matter for routing. */
    public enum Status { ACTIVE, DISABLED, LIMITED, UNAVAILABLE, BANNED }

    public PoolAccount {
        quota = quota == null ? AccountQuota.UNKNOWN : quota;
    }

    /** An account of unknown plan without usage data. */
    public PoolAccount(String id, long sort, String groupName, Status status, boolean hasToken,
            Instant exhaustedUntil) {
        this(id, sort, groupName, status, hasToken, exhaustedUntil, null, AccountQuota.UNKNOWN);
    }

    public boolean exhaustedAt(Instant now) {
        return exhaustedUntil != null && exhaustedUntil.isAfter(now);
    }

    public PoolAccount withPlan(String newPlan) {
        return new PoolAccount(id, sort, groupName, status, hasToken, exhaustedUntil, newPlan, quota);
    }

    public PoolAccount withQuota(AccountQuota newQuota) {
        return new PoolAccount(id, sort, groupName, status, hasToken, exhaustedUntil, plan, newQuota);
    }
}
