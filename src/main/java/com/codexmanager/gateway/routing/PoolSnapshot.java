package com.codexmanager.gateway.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routable accounts in sort order, indexed by group, built once per account change (not per request). Accounts
 * that can never serve right now (disabled, needing login, banned, without token) are left out here and only
 * counted, so a request scans just the routable ones. Immutable.
 */
public final class PoolSnapshot {
    private static final Comparator<PoolAccount> ORDER = Comparator.comparingLong(PoolAccount::sort)
            .thenComparing(PoolAccount::id);

    private final List<PoolAccount> routable;
    private final Map<String, List<PoolAccount>> byGroup;
    private final Map<String, PoolAccount> byId;
    private final Map<SkipReason, Integer> excluded;

    private PoolSnapshot(List<PoolAccount> routable, Map<String, List<PoolAccount>> byGroup,
            Map<String, PoolAccount> byId, Map<SkipReason, Integer> excluded) {
        this.routable = routable;
        this.byGroup = byGroup;
        this.byId = byId;
        this.excluded = excluded;
    }

    public static PoolSnapshot of(List<PoolAccount> accounts) {
        List<PoolAccount> routable = new ArrayList<>();
        Map<SkipReason, Integer> excluded = new EnumMap<>(SkipReason.class);
        Map<String, PoolAccount> byId = new HashMap<>();
        for (PoolAccount account : accounts) {
            byId.put(account.id(), account);
            SkipReason reason = staticExclusion(account);
            if (reason == null) {
                routable.add(account);
            } else {
                excluded.merge(reason, 1, Integer::sum);
            }
        }
        routable.sort(ORDER);
        Map<String, List<PoolAccount>> byGroup = new HashMap<>();
        for (PoolAccount account : routable) {
            byGroup.computeIfAbsent(groupKey(account.groupName()), g -> new ArrayList<>()).add(account);
        }
        byGroup.replaceAll((g, list) -> Collections.unmodifiableList(list));
        return new PoolSnapshot(Collections.unmodifiableList(routable), byGroup, byId, excluded);
    }

    public static PoolSnapshot empty() {
        return of(List.of());
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
        if (group == null || group.isBlank()) {
            return routable;
        }
        return byGroup.getOrDefault(groupKey(group), List.of());
    }

    /** Any account by id, routable or not. */
    public PoolAccount find(String id) {
        return byId.get(id);
    }

    /** How many accounts were left out, by reason. */
    public Map<SkipReason, Integer> excluded() {
        return Collections.unmodifiableMap(excluded);
    }

    public int size() {
        return byId.size();
    }

    private static String groupKey(String group) {
        return group == null ? "" : group.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
