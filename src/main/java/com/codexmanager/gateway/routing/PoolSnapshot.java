package com.codexmanager.gateway.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The routable accounts in sort order, indexed by group, built once per account change or usage refresh (not per
 * request). Accounts that can never serve right now (disabled, needing login, banned, without token) are left out
 * here and only counted, so a request scans just the routable ones. For the {@code headroom} strategy the snapshot
 * also holds each group's accounts ranked by {@link HeadroomScore} (ties by pool order) and each account's used
 * percent, both computed at {@link #builtAt()}. Immutable.
 */
public final class PoolSnapshot {
    private static final Comparator<PoolAccount> ORDER = Comparator.comparingLong(PoolAccount::sort)
            .thenComparing(PoolAccount::id);

    /** A group's accounts in the orders the strategies need. */
    private record Group(List<PoolAccount> inOrder, List<PoolAccount> byHeadroom, Set<String> plans) {
    }

    private static final Group EMPTY = new Group(List.of(), List.of(), Set.of());

    private final Group all;
    private final Map<String, Group> byGroup;
    private final Map<String, PoolAccount> byId;
    private final Map<String, Double> usedPercent;
    private final Map<SkipReason, Integer> excluded;
    private final Instant builtAt;

    private PoolSnapshot(Group all, Map<String, Group> byGroup, Map<String, PoolAccount> byId,
            Map<String, Double> usedPercent, Map<SkipReason, Integer> excluded, Instant builtAt) {
        this.all = all;
        this.byGroup = byGroup;
        this.byId = byId;
        this.usedPercent = usedPercent;
        this.excluded = excluded;
        this.builtAt = builtAt;
    }

    /** A snapshot whose headroom ranking is computed for {@code now}. */
    public static PoolSnapshot of(List<PoolAccount> accounts, Instant now) {
        List<PoolAccount> routable = new ArrayList<>();
        Map<SkipReason, Integer> excluded = new EnumMap<>(SkipReason.class);
        Map<String, PoolAccount> byId = new HashMap<>();
        Map<String, Double> scores = new HashMap<>();
        Map<String, Double> used = new HashMap<>();
        for (PoolAccount account : accounts) {
            byId.put(account.id(), account);
            scores.put(account.id(), HeadroomScore.of(account, now));
            used.put(account.id(), HeadroomScore.usedPercent(account, now));
            SkipReason reason = staticExclusion(account);
            if (reason == null) {
                routable.add(account);
            } else {
                excluded.merge(reason, 1, Integer::sum);
            }
        }
        routable.sort(ORDER);
        Comparator<PoolAccount> byScore = Comparator.<PoolAccount>comparingDouble(a -> -scores.get(a.id()))
                .thenComparing(ORDER);
        Map<String, List<PoolAccount>> members = new HashMap<>();
        for (PoolAccount account : routable) {
            members.computeIfAbsent(groupKey(account.groupName()), g -> new ArrayList<>()).add(account);
        }
        Map<String, Group> byGroup = new HashMap<>();
        members.forEach((key, list) -> byGroup.put(key, group(list, byScore)));
        return new PoolSnapshot(group(routable, byScore), byGroup, byId, used, excluded, now);
    }

    /**
     * A snapshot ranked for the current instant of the system clock: for callers whose accounts carry no usage
     * data (the ranking then does not depend on time).
     */
    public static PoolSnapshot of(List<PoolAccount> accounts) {
        return of(accounts, Instant.now());
    }

    public static PoolSnapshot empty() {
        return of(List.of(), Instant.EPOCH);
    }

    private static Group group(List<PoolAccount> inOrder, Comparator<PoolAccount> byScore) {
        List<PoolAccount> ranked = new ArrayList<>(inOrder);
        ranked.sort(byScore);
        Set<String> plans = new LinkedHashSet<>();
        for (PoolAccount account : inOrder) {
            plans.add(account.plan() == null ? "" : account.plan());
        }
        return new Group(List.copyOf(inOrder), List.copyOf(ranked), Collections.unmodifiableSet(plans));
    }

    static SkipReason staticExclusion(PoolAccount account) {
        return switch (account.status()) {
            case DISABLED -> SkipReason.DISABLED;
            case UNAVAILABLE, BANNED -> SkipReason.NEEDS_LOGIN;
            case ACTIVE, LIMITED -> account.hasToken() ? null : SkipReason.MISSING_TOKEN;
        };
    }

    /** Routable accounts of one group (case-insensitive), or all when {@code group} is {@code null} or blank. */
    public List<PoolAccount> routable(String group) {
        return group(group).inOrder();
    }

    /** Routable accounts of one group ranked by {@link HeadroomScore}, best first, ties in pool order. */
    public List<PoolAccount> byHeadroom(String group) {
        return group(group).byHeadroom();
    }

    /** The plans of the routable accounts of one group ({@code ""} stands for an unknown plan). */
    public Set<String> plans(String group) {
        return group(group).plans();
    }

    /** The account's higher used percent at {@link #builtAt()} ({@link HeadroomScore#UNKNOWN_USED_PERCENT} without data). */
    public double usedPercent(String accountId) {
        return usedPercent.getOrDefault(accountId, HeadroomScore.UNKNOWN_USED_PERCENT);
    }

    /** When the headroom ranking and used percents were computed. */
    public Instant builtAt() {
        return builtAt;
    }

    /** Any account by id, routable or not. */
    public PoolAccount find(String id) {
        return byId.get(id);
    }

    /** Every account, routable or not, in no particular order. */
    public java.util.Collection<PoolAccount> accounts() {
        return Collections.unmodifiableCollection(byId.values());
    }

    /** How many accounts were left out, by reason. */
    public Map<SkipReason, Integer> excluded() {
        return Collections.unmodifiableMap(excluded);
    }

    public int size() {
        return byId.size();
    }

    private Group group(String group) {
        if (group == null || group.isBlank()) {
            return all;
        }
        return byGroup.getOrDefault(groupKey(group), EMPTY);
    }

    private static String groupKey(String group) {
        return group == null ? "" : group.trim().toLowerCase(Locale.ROOT);
    }
}
