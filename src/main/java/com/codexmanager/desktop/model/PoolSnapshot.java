package com.codexmanager.desktop.model;

import java.time.Instant;
import java.util.List;

/**
 * The account pool as last loaded: accounts in routing order, the pool-remaining aggregate, the pinned account and
 * the account that served the last successful request. Immutable.
 *
 * @param supported          whether the service offers {@code account/list} at all
 * @param primaryRemaining   pool remaining in the 5-hour window, percent, or {@code null} when unknown
 * @param secondaryRemaining pool remaining in the 7-day window, percent, or {@code null}
 * @param pinnedAccountId    the account the gateway tries first ({@code gateway/manualAccount}), blank for automatic
 * @param lastServedAccountId the account that answered the newest successful request, blank when none is logged
 * @param loadedAt           when it was loaded, or {@code null} for the initial empty snapshot
 * @param forecast           how long the pool lasts at the current rate ({@code account/usage/forecast})
 */
public record PoolSnapshot(boolean supported, List<AccountRow> accounts, Double primaryRemaining,
        Double secondaryRemaining, String pinnedAccountId, String lastServedAccountId, Instant loadedAt,
        Forecast forecast) {
    public static final PoolSnapshot EMPTY = new PoolSnapshot(false, List.of(), null, null, "", "", null);

    public PoolSnapshot {
        accounts = List.copyOf(accounts);
        forecast = forecast == null ? Forecast.UNKNOWN : forecast;
    }

    /** A snapshot without a forecast. */
    public PoolSnapshot(boolean supported, List<AccountRow> accounts, Double primaryRemaining,
            Double secondaryRemaining, String pinnedAccountId, String lastServedAccountId, Instant loadedAt) {
        this(supported, accounts, primaryRemaining, secondaryRemaining, pinnedAccountId, lastServedAccountId,
                loadedAt, Forecast.UNKNOWN);
    }

    /**
     * The pool at the current rate. Immutable.
     *
     * @param supported     whether the service offers {@code account/usage/forecast}
     * @param tokensPerHour the pool's tokens over the last hour
     * @param hoursLeft     how long the remaining quota lasts at that rate; {@code null} without traffic or data
     */
    public record Forecast(boolean supported, double tokensPerHour, Double hoursLeft) {
        public static final Forecast UNKNOWN = new Forecast(false, 0, null);
    }

    public PoolSnapshot withForecast(Forecast next) {
        return new PoolSnapshot(supported, accounts, primaryRemaining, secondaryRemaining, pinnedAccountId,
                lastServedAccountId, loadedAt, next);
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

    public boolean pinned(String accountId) {
        return !pinnedAccountId.isBlank() && pinnedAccountId.equals(accountId);
    }

    public boolean servedLast(String accountId) {
        return !lastServedAccountId.isBlank() && lastServedAccountId.equals(accountId);
    }
}
