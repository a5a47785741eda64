package com.codexmanager.gateway.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Chooses which accounts may serve a request, in the order to try them.
 *
 * <p>Head of the list: the pinned account (quick switch) while usable — it beats a conversation's affinity under
 * every strategy — then the conversation's affinity account while usable, then the strategy order: {@code ordered}
 * walks the sort order from the top, {@code balanced} starts at a round-robin cursor per (key, model),
 * {@code headroom} walks the snapshot's {@link HeadroomScore} ranking and keeps accounts at the high-water mark for
 * the end while an account below half can serve (under {@code headroom} a conversation also leaves an account that
 * crossed the mark). Accounts benched by a cooldown, exhausted until a reset, outside the key's group or whose plan
 * does not offer the model are skipped with their reason. The walk stops after {@code maxCandidates} usable
 * accounts, so a request costs O(candidates + skipped) rather than O(pool) on a healthy pool. Thread-safe.
 */
public final class CandidateSelector {
    /** Under {@code headroom}, accounts at the mark yield while an account below this can serve. */
    static final double HALF_USED_PERCENT = 50;

    private final Supplier<PoolSnapshot> pool;
    private final Cooldowns cooldowns;
    private final AffinityMap affinity;
    private final ModelOffers offers;
    private final Clock clock;
    private final ConcurrentHashMap<String, AtomicLong> cursors = new ConcurrentHashMap<>();

    public CandidateSelector(Supplier<PoolSnapshot> pool, Cooldowns cooldowns, AffinityMap affinity,
            ModelOffers offers, Clock clock) {
        this.pool = pool;
        this.cooldowns = cooldowns;
        this.affinity = affinity;
        this.offers = offers;
        this.clock = clock;
    }

    public CandidateSelector(Supplier<PoolSnapshot> pool, Cooldowns cooldowns, AffinityMap affinity, Clock clock) {
        this(pool, cooldowns, affinity, ModelOffers.ANY, clock);
    }

    public Selection select(RouteRequest request) {
        PoolSnapshot snapshot = pool.get();
        Walk walk = new Walk(request, clock.instant());
        String source = request.strategy().code();
        if (request.pinnedAccount() != null && walk.add(snapshot.find(request.pinnedAccount()))) {
            source = "pinned";
        }
        String bound = affinity.lookup(request.keyId(), request.affinityKey()).orElse(null);
        if (bound != null) {
            PoolAccount account = snapshot.find(bound);
            if (request.strategy() == RouteStrategy.HEADROOM && account != null
                    && snapshot.usedPercent(bound) >= request.highWaterPercent()) {
                walk.skips.add(new Selection.Skip(bound, SkipReason.OVER_HIGH_WATER, null));
            } else if (walk.add(account) && walk.chosen.size() == 1) {
                source = "affinity";
            }
        }
        switch (request.strategy()) {
            case ORDERED -> walkFrom(snapshot.routable(request.accountGroup()), 0, walk);
            case BALANCED -> {
                List<PoolAccount> accounts = snapshot.routable(request.accountGroup());
                walkFrom(accounts, accounts.isEmpty() ? 0 : nextStart(request, accounts.size()), walk);
            }
            case HEADROOM -> walkByHeadroom(snapshot, walk);
        }
        return new Selection(walk.chosen, walk.skips, source);
    }

    private static void walkFrom(List<PoolAccount> accounts, int start, Walk walk) {
        int n = accounts.size();
        for (int i = 0; i < n && !walk.full(); i++) {
            walk.add(accounts.get((start + i) % n));
        }
    }

    /** Best score first; accounts at the mark go last while an account below half can serve. */
    private void walkByHeadroom(PoolSnapshot snapshot, Walk walk) {
        List<PoolAccount> ranked = snapshot.byHeadroom(walk.request.accountGroup());
        int mark = walk.request.highWaterPercent();
        boolean holdBackFull = ranked.stream().anyMatch(a -> snapshot.usedPercent(a.id()) < HALF_USED_PERCENT
                && walk.usable(a));
        List<PoolAccount> heldBack = new ArrayList<>();
        for (PoolAccount account : ranked) {
            if (walk.full()) {
                return;
            }
            if (holdBackFull && snapshot.usedPercent(account.id()) >= mark) {
                heldBack.add(account);
            } else {
                walk.add(account);
            }
        }
        for (PoolAccount account : heldBack) {
            if (walk.full()) {
                return;
            }
            walk.add(account);
        }
    }

    private int nextStart(RouteRequest request, int n) {
        AtomicLong cursor = cursors.computeIfAbsent(request.keyId() + '\u0000' + request.model(),
                k -> new AtomicLong());
        return (int) Math.floorMod(cursor.getAndIncrement(), (long) n);
    }

    /**
     * The account that would head this request's candidates whatever its model: the pinned account, else the
     * conversation's account (under {@code headroom} only below the high-water mark), when usable now apart from
     * the model ({@code request.model()} is ignored). Memory only.
     */
    public java.util.Optional<PoolAccount> head(RouteRequest request) {
        PoolSnapshot snapshot = pool.get();
        RouteRequest anyModel = new RouteRequest(request.keyId(), null, request.accountGroup(),
                request.affinityKey(), request.pinnedAccount(), request.strategy(), 1, request.highWaterPercent());
        Walk walk = new Walk(anyModel, clock.instant());
        if (request.pinnedAccount() != null) {
            PoolAccount pinned = snapshot.find(request.pinnedAccount());
            if (pinned != null && walk.usable(pinned)) {
                return java.util.Optional.of(pinned);
            }
        }
        String bound = affinity.lookup(request.keyId(), request.affinityKey()).orElse(null);
        PoolAccount account = bound == null ? null : snapshot.find(bound);
        if (account == null || !walk.usable(account) || (request.strategy() == RouteStrategy.HEADROOM
                && snapshot.usedPercent(bound) >= request.highWaterPercent())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(account);
    }

    /**
     * Whether an account of the group could serve {@code model} now: routable, in the group, not exhausted or
     * benched, and its plan offers the model. Stops at the first one; memory only.
     */
    public boolean canServe(String accountGroup, String model) {
        Walk walk = new Walk(probe(accountGroup, model), clock.instant());
        for (PoolAccount account : pool.get().routable(accountGroup)) {
            if (walk.usable(account)) {
                return true;
            }
        }
        return false;
    }

    /** The plans of the group's accounts that could serve some model now ({@code null} = unknown plan). */
    public Set<String> servablePlans(String accountGroup) {
        Walk walk = new Walk(probe(accountGroup, null), clock.instant());
        Set<String> plans = new java.util.LinkedHashSet<>();
        for (PoolAccount account : pool.get().routable(accountGroup)) {
            if (walk.usable(account)) {
                plans.add(account.plan());
            }
        }
        return plans;
    }

    private static RouteRequest probe(String accountGroup, String model) {
        return new RouteRequest("", model, accountGroup, null, null, RouteStrategy.ORDERED, 1);
    }

    /** Forgets round-robin cursors (after a strategy change). */
    public void resetCursors() {
        cursors.clear();
    }

    /** One request's walk over the pool: the accounts chosen so far and the ones passed over. */
    private final class Walk {
        private final RouteRequest request;
        private final Instant now;
        private final List<PoolAccount> chosen = new ArrayList<>();
        private final List<Selection.Skip> skips = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();

        Walk(RouteRequest request, Instant now) {
            this.request = request;
            this.now = now;
        }

        boolean full() {
            return chosen.size() >= request.maxCandidates();
        }

        /** Adds the account when it can serve this request, else records why not; each account is judged once. */
        boolean add(PoolAccount account) {
            if (account == null || !seen.add(account.id())) {
                return false;
            }
            SkipReason reason = reason(account);
            if (reason != null) {
                skips.add(new Selection.Skip(account.id(), reason, until(account, reason)));
                return false;
            }
            chosen.add(account);
            return true;
        }

        /** Whether the account could serve this request, without recording anything. */
        boolean usable(PoolAccount account) {
            return !seen.contains(account.id()) && reason(account) == null;
        }

        private SkipReason reason(PoolAccount account) {
            SkipReason reason = PoolSnapshot.staticExclusion(account);
            if (reason != null) {
                return reason;
            }
            if (request.accountGroup() != null && !request.accountGroup().isBlank()
                    && !request.accountGroup().equalsIgnoreCase(String.valueOf(account.groupName()))) {
                return SkipReason.NOT_IN_KEY_GROUP;
            }
            if (request.model() != null && !offers.offers(account.plan(), request.model())) {
                return SkipReason.MODEL_NOT_OFFERED;
            }
            if (account.exhaustedAt(now)) {
                return SkipReason.EXHAUSTED;
            }
            if (cooldowns.until(account.id()).isPresent()) {
                return SkipReason.COOLDOWN;
            }
            return null;
        }

        private Instant until(PoolAccount account, SkipReason reason) {
            return switch (reason) {
                case EXHAUSTED -> account.exhaustedUntil();
                case COOLDOWN -> cooldowns.until(account.id()).orElse(null);
                default -> null;
            };
        }
    }
}
