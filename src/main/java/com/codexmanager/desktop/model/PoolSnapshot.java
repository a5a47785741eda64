package com.codexmanager.desktop.model;

import java.time.Instant;
import java.util.List;

/**
 * The account pool as last loaded: accounts in routing order plus the pool-remaining aggregate. Immutable.
 *
 * @param supported        whether the service offers {@code account/list} at all
 * @param primaryRemaining pool remaining in the 5-hour window, percent, or {@code null} when unknown
 * @param secondaryRemaining pool remaining in the 7-day window, percent, or {@code null}
 * @param loadedAt         when it was loaded, or {@code null} for the initial empty snapshot
 */
public record PoolSnapshot(boolean supported, List<AccountRow> accounts, Double primaryRemaining,
        Double secondaryRemaining, Instant loadedAt) {
    public static final PoolSnapshot EMPTY = new PoolSnapshot(false, List.of(), null, null, null);

    public PoolSnapshot {
        accounts = List.copyOf(accounts);
    }

    public long count(Availability availability) {
        return accounts.stream().filter(a -> a.availability() == availability).count();
    }

    public long usable() {
        return accounts.stream().filter(a -> a.availability().usable()).count();
    }

    /** The account groups in use, sorted, for the fields that offer existing groups. */
    public List<String> groups() {
        return accounts.stream().map(AccountRow::groupName).filter(g -> !g.isBlank()).distinct().sorted().toList();
    }
}
