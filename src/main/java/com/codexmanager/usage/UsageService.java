package com.codexmanager.usage;

import com.codexmanager.account.Account;
import com.codexmanager.account.AccountNotFoundException;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountStatus;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage of the account pool: fetches and stores snapshots, keeps the latest per account in memory, answers
 * availability with {@link AvailabilityRule}, takes the gateway's rate-limit headers between polls, and applies the
 * status side effect: an exhausted account becomes {@code limited} until its window resets (the account store makes
 * it {@code active} again by itself at that time), a fine one that was limited becomes {@code active}. Disabled,
 * unavailable and banned accounts never change status here.
 *
 * <p>Thread-safe. Methods block on the database and, for {@link #refresh}, on the upstream (bounded by
 * {@link UsageClient#RESPONSE_TIMEOUT}); {@link #onRateLimitHeaders} and {@link #availability} only touch the database
 * when something changed or a throttle interval passed.
 */
public final class UsageService {
    private static final Logger log = LoggerFactory.getLogger(UsageService.class);
    /** Header-driven snapshots are written at most this often per account unless the availability changes. */
    static final Duration HEADER_PERSIST_INTERVAL = Duration.ofMinutes(5);
    static final String LIMIT_REASON = "usage_limit_exhausted";

    private final UsageRepository repository;
    private final UsageClient client;
    private final AccountService accounts;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final Map<String, UsageSnapshot> latest = new ConcurrentHashMap<>();
    private final Map<String, Instant> persistedAt = new ConcurrentHashMap<>();

    UsageService(UsageRepository repository, UsageClient client, AccountService accounts,
            Supplier<Settings> settings, Clock clock) {
        this.repository = repository;
        this.client = client;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
        reloadLatest();
    }

    /**
     * Re-reads the latest snapshot of every account; newer stored ones replace what is in memory (another instance
     * of a shared database fetched them).
     */
    public void reloadLatest() {
        for (UsageSnapshot snapshot : repository.latest()) {
            latest.merge(snapshot.accountId(), snapshot,
                    (mine, stored) -> stored.capturedAt().isAfter(mine.capturedAt()) ? stored : mine);
            persistedAt.merge(snapshot.accountId(), snapshot.capturedAt(),
                    (mine, stored) -> stored.isAfter(mine) ? stored : mine);
        }
    }

    /**
     * Fetches, stores and applies the account's usage now.
     *
     * @throws UsageFetchException       when the upstream call fails (nothing is stored then)
     * @throws AccountNotFoundException when the id is unknown
     */
    public UsageSnapshot refresh(String accountId) {
        accounts.require(accountId);
        Instant capturedAt = clock.instant();
        UsageSnapshot snapshot = UsageParser.parse(client.fetch(accountId), accountId, capturedAt);
        record(snapshot, true);
        return snapshot;
    }

    /**
     * Takes the {@code x-codex-*} headers of a gateway reply (names in any case). Windows present in the headers
     * replace the stored ones of the same length class; absent ones keep the stored values. Unknown accounts and
     * headers without usable numbers are ignored; never throws for bad header values.
     */
    public void onRateLimitHeaders(String accountId, Map<String, String> headers) {
        Instant now = clock.instant();
        Optional<RateLimitHeaderParser.HeaderUsage> parsed = RateLimitHeaderParser.parse(headers, now);
        if (parsed.isEmpty()) {
            return;
        }
        UsageSnapshot previous = latest.get(accountId);
        if (previous == null && accounts.find(accountId).isEmpty()) {
            return;
        }
        RateLimitHeaderParser.HeaderUsage h = parsed.get();
        boolean windows = h.primary() != null || h.secondary() != null;
        UsageSnapshot merged = new UsageSnapshot(accountId, now, UsageSource.HEADERS,
                h.planType() != null ? h.planType() : previous == null ? null : previous.planType(),
                !windows && previous != null && previous.limitReached(),
                h.primary() != null ? h.primary() : previous == null ? null : previous.primary(),
                h.secondary() != null ? h.secondary() : previous == null ? null : previous.secondary(),
                h.creditsJson() != null ? h.creditsJson() : previous == null ? null : previous.creditsJson(),
                previous == null ? List.of() : previous.additionalLimits());
        Availability before = AvailabilityRule.evaluate(previous, now).status();
        Instant lastWrite = persistedAt.get(accountId);
        boolean persist = before != AvailabilityRule.evaluate(merged, now).status() || lastWrite == null
                || !now.isBefore(lastWrite.plus(HEADER_PERSIST_INTERVAL));
        record(merged, persist);
    }

    /**
     * The account's report now.
     *
     * @throws AccountNotFoundException when the id is unknown
     */
    public UsageReport report(String accountId) {
        accounts.require(accountId);
        return UsageReport.of(accountId, latest.get(accountId), clock.instant());
    }

    /** One report per account, in pool order; accounts without data are {@code unknown}. */
    public List<UsageReport> reports() {
        Instant now = clock.instant();
        return accounts.all().stream().map(a -> UsageReport.of(a.id(), latest.get(a.id()), now)).toList();
    }

    /** Reports for these accounts (no database access: the latest snapshots are in memory). */
    public List<UsageReport> reports(List<Account> pool) {
        Instant now = clock.instant();
        return pool.stream().map(a -> UsageReport.of(a.id(), latest.get(a.id()), now)).toList();
    }

    /** "Pool remaining" over every account that is not disabled. */
    public UsageAggregate aggregate() {
        Instant now = clock.instant();
        return UsageAggregate.of(accounts.all().stream().filter(a -> a.status() != AccountStatus.DISABLED)
                .map(a -> UsageReport.of(a.id(), latest.get(a.id()), now)).toList());
    }

    /** The latest snapshot, or empty when none was captured. */
    public Optional<UsageSnapshot> latest(String accountId) {
        return Optional.ofNullable(latest.get(accountId));
    }

    /** The account's availability now: {@link AvailabilityRule} over its latest snapshot (unknown without one). */
    public AvailabilityVerdict availability(String accountId) {
        return AvailabilityRule.evaluate(latest.get(accountId), clock.instant());
    }

    /**
     * Marks an account {@code limited} until {@code until} (the gateway calls this on a 429
     * {@code usage_limit_reached} with a reset time); it becomes {@code active} again by itself once that time has
     * passed. A null {@code until} keeps it limited until a snapshot shows it fine. Disabled, unavailable and banned
     * accounts are left alone.
     *
     * @return whether the account is now limited
     */
    public boolean markLimited(String accountId, Instant until) {
        return accounts.markLimited(accountId, until, LIMIT_REASON);
    }

    /** Oldest first; at most {@code limit} snapshots between {@code from} and {@code to} inclusive. */
    public List<UsageSnapshot> history(String accountId, Instant from, Instant to, int limit) {
        accounts.require(accountId);
        return repository.history(accountId, from, to, limit);
    }

    /**
     * Accounts the poller and "refresh all" fetch: {@code active} or {@code limited} with a token, in pool order.
     * Disabled, unavailable and banned accounts are never fetched automatically.
     */
    public List<String> refreshableAccountIds() {
        return accounts.all().stream()
                .filter(a -> a.hasToken() && (a.status() == AccountStatus.ACTIVE || a.status() == AccountStatus.LIMITED))
                .map(Account::id).toList();
    }

    /** Deletes history older than {@code USAGE_HISTORY_DAYS}; returns the rows deleted. */
    public int pruneHistory() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(settings.get().number(Setting.USAGE_HISTORY_DAYS)));
        return repository.pruneBefore(cutoff);
    }

    Clock clock() {
        return clock;
    }

    private void record(UsageSnapshot snapshot, boolean persist) {
        String id = snapshot.accountId();
        if (persist) {
            try {
                repository.save(snapshot);
                persistedAt.put(id, snapshot.capturedAt());
            } catch (StoreException e) {
                if (accounts.find(id).isEmpty()) {
                    forget(id);
                    return;
                }
                throw e;
            }
        }
        latest.put(id, snapshot);
        if (persist) {
            // the account's status follows the usage when it is saved: on every change of availability and at
            // least every HEADER_PERSIST_INTERVAL, not on every gateway reply
            applyStatus(snapshot);
        }
    }

    /** Drops the in-memory state of a deleted account (its rows went with it). */
    void forget(String accountId) {
        latest.remove(accountId);
        persistedAt.remove(accountId);
    }

    private void applyStatus(UsageSnapshot snapshot) {
        AvailabilityVerdict verdict = AvailabilityRule.evaluate(snapshot, clock.instant());
        String id = snapshot.accountId();
        if (verdict.status() == Availability.UNAVAILABLE) {
            if (accounts.markLimited(id, verdict.availableAt(), LIMIT_REASON)) {
                log.debug("Account {} usage exhausted; limited until {}", id,
                        verdict.availableAt() == null ? "a fresh snapshot shows it fine" : verdict.availableAt());
            }
        } else if (verdict.status() != Availability.UNKNOWN && accounts.clearLimit(id)) {
            log.info("Account {} usage fine again; active", id);
        }
    }
}
