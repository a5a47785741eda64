package com.codexmanager.gateway.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Chooses which accounts may serve a request, in the order to try them.
 *
 * <p>Head of the list: the conversation's affinity account (while usable), then the manual preferred account;
 * then the strategy order — {@code ordered} walks the sort order from the top, {@code balanced} starts at a
 * round-robin cursor per (key, model). Accounts benched by a cooldown or exhausted until a reset are skipped with
 * their reason. The walk stops after {@code maxCandidates} usable accounts, so a request costs O(candidates +
 * skipped) rather than O(pool) on a healthy pool. Thread-safe.
 */
public final class CandidateSelector {
    private final Supplier<PoolSnapshot> pool;
    private final Cooldowns cooldowns;
    private final AffinityMap affinity;
    private final Clock clock;
    private final ConcurrentHashMap<String, AtomicLong> cursors = new ConcurrentHashMap<>();

    public CandidateSelector(Supplier<PoolSnapshot> pool, Cooldowns cooldowns, AffinityMap affinity, Clock clock) {
        this.pool = pool;
        this.cooldowns = cooldowns;
        this.affinity = affinity;
        this.clock = clock;
    }

    public Selection select(RouteRequest request) {
        PoolSnapshot snapshot = pool.get();
        List<PoolAccount> accounts = snapshot.routable(request.accountGroup());
        Instant now = clock.instant();
        List<PoolAccount> chosen = new ArrayList<>();
        List<Selection.Skip> skips = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String source = request.strategy().code();

        String bound = affinity.lookup(request.keyId(), request.affinityKey()).orElse(null);
        if (bound != null && addIfUsable(snapshot.find(bound), request, now, chosen, skips, seen)) {
            source = "affinity";
        }
        if (request.preferredAccount() != null && chosen.isEmpty()
                && addIfUsable(snapshot.find(request.preferredAccount()), request, now, chosen, skips, seen)) {
            source = "preferred";
        }
        int n = accounts.size();
        if (n > 0) {
            int start = request.strategy() == RouteStrategy.BALANCED ? nextStart(request, n) : 0;
            for (int i = 0; i < n && chosen.size() < request.maxCandidates(); i++) {
                addIfUsable(accounts.get((start + i) % n), request, now, chosen, skips, seen);
            }
        }
        return new Selection(chosen, skips, source);
    }

    private int nextStart(RouteRequest request, int n) {
        AtomicLong cursor = cursors.computeIfAbsent(request.keyId() + '\u0000' + request.model(),
                k -> new AtomicLong());
        return (int) Math.floorMod(cursor.getAndIncrement(), (long) n);
    }

    private boolean addIfUsable(PoolAccount account, RouteRequest request, Instant now, List<PoolAccount> chosen,
            List<Selection.Skip> skips, Set<String> seen) {
        if (account == null || !seen.add(account.id())) {
            return false;
        }
        SkipReason reason = PoolSnapshot.staticExclusion(account);
        if (reason != null) {
            skips.add(new Selection.Skip(account.id(), reason, null));
            return false;
        }
        if (request.accountGroup() != null && !request.accountGroup().isBlank()
                && !request.accountGroup().equalsIgnoreCase(String.valueOf(account.groupName()))) {
            skips.add(new Selection.Skip(account.id(), SkipReason.NOT_IN_KEY_GROUP, null));
            return false;
        }
        if (account.exhaustedAt(now)) {
            skips.add(new Selection.Skip(account.id(), SkipReason.EXHAUSTED, account.exhaustedUntil()));
            return false;
        }
        var benched = cooldowns.until(account.id());
        if (benched.isPresent()) {
            skips.add(new Selection.Skip(account.id(), SkipReason.COOLDOWN, benched.get()));
            return false;
        }
        chosen.add(account);
        return true;
    }

    /** Forgets round-robin cursors (after a strategy change). */
    public void resetCursors() {
        cursors.clear();
    }
}
