package com.codexmanager.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short benches for accounts after a failed attempt (burst 429, challenge, 5xx, network). Each new offence of the
 * same kind within {@link #OFFENCE_MEMORY} doubles the pause up to the kind's cap. A {@link Store} persists the
 * entries so a restart does not forget them. Thread-safe.
 */
public final class Cooldowns {
    static final Duration OFFENCE_MEMORY = Duration.ofMinutes(10);
    static final Duration OWN_BENCH_GRACE = Duration.ofSeconds(2);

    /** Why an account is benched, with its first pause and cap. */
    public enum Kind {
        RATE_LIMITED(Duration.ofSeconds(2), Duration.ofMinutes(2)),
        CHALLENGE(Duration.ofSeconds(15), Duration.ofMinutes(5)),
        SERVER_ERROR(Duration.ofSeconds(10), Duration.ofMinutes(1)),
        NETWORK(Duration.ofSeconds(10), Duration.ofMinutes(1)),
        AUTH(Duration.ofMinutes(5), Duration.ofMinutes(30)),
        FORBIDDEN(Duration.ofMinutes(10), Duration.ofMinutes(30)),
        USAGE_LIMIT(Duration.ofMinutes(5), Duration.ofDays(8));

        private final Duration first;
        private final Duration cap;

        Kind(Duration first, Duration cap) {
            this.first = first;
            this.cap = cap;
        }

        Duration pause(int offences) {
            Duration pause = first;
            for (int i = 1; i < offences && pause.compareTo(cap) < 0; i++) {
                pause = pause.multipliedBy(2);
            }
            return pause.compareTo(cap) > 0 ? cap : pause;
        }
    }

    /** An account's bench. */
    public record Entry(String accountId, Kind kind, Instant until, int offences, Instant lastOffence) {
    }

    /** Persistence of cooldown entries; implementations must be thread-safe. */
    public interface Store {
        void save(Entry entry);

        void delete(String accountId);

        Iterable<Entry> loadAll();

        Store NONE = new Store() {
            @Override
            public void save(Entry entry) {
            }

            @Override
            public void delete(String accountId) {
            }

            @Override
            public Iterable<Entry> loadAll() {
                return java.util.List.of();
            }
        };
    }

    private final Clock clock;
    private final Store store;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** When this instance last benched each account, by its own clock (a reload keeps those it may not see yet). */
    private final Map<String, Instant> ownBenches = new ConcurrentHashMap<>();

    public Cooldowns(Clock clock, Store store) {
        this.clock = clock;
        this.store = store;
        Instant now = clock.instant();
        for (Entry e : store.loadAll()) {
            if (e.until().isAfter(now)) {
                entries.put(e.accountId(), e);
            }
        }
    }

    /**
     * Benches the account. {@code hint} (a Retry-After or a reset time) replaces the computed pause when given,
     * but never exceeds the kind's cap (usage limits excepted: their reset time is authoritative).
     */
    public Entry bench(String accountId, Kind kind, Optional<Duration> hint) {
        Instant now = clock.instant();
        Entry entry = entries.compute(accountId, (id, previous) -> {
            int offences = previous != null && previous.kind() == kind
                    && previous.lastOffence().plus(OFFENCE_MEMORY).isAfter(now) ? previous.offences() + 1 : 1;
            Duration pause = hint.filter(h -> !h.isNegative() && !h.isZero())
                    .map(h -> kind == Kind.USAGE_LIMIT || h.compareTo(kind.cap) <= 0 ? h : kind.cap)
                    .orElseGet(() -> kind.pause(offences));
            Instant until = now.plus(pause);
            if (previous != null && previous.until().isAfter(until)) {
                until = previous.until();
            }
            return new Entry(id, kind, until, offences, now);
        });
        ownBenches.put(accountId, now);
        store.save(entry);
        return entry;
    }

    /**
     * Takes benches that another instance of a shared database stored: an entry that ends later than this
     * instance's own replaces it. Benches are never shortened this way.
     */
    public void absorb(Iterable<Entry> stored) {
        Instant now = clock.instant();
        for (Entry e : stored) {
            if (e.until().isAfter(now)) {
                entries.merge(e.accountId(), e, (mine, theirs) -> theirs.until().isAfter(mine.until()) ? theirs : mine);
            }
        }
    }

    /**
     * Re-reads the benches from the store (another instance of a shared database wrote some). A bench that is gone
     * from the store was cleared by another instance after a success, so it ends here too, unless this instance
     * took it in the last {@link #OWN_BENCH_GRACE} (its row may not be readable yet).
     */
    public void reload() {
        Instant started = clock.instant();
        Map<String, Entry> stored = new java.util.HashMap<>();
        for (Entry e : store.loadAll()) {
            stored.put(e.accountId(), e);
        }
        for (String accountId : entries.keySet()) {
            Instant own = ownBenches.get(accountId);
            if (!stored.containsKey(accountId) && (own == null || own.isBefore(started.minus(OWN_BENCH_GRACE)))) {
                entries.remove(accountId);
            }
        }
        absorb(stored.values());
    }

    /** The end of the account's bench, if it is benched now. */
    public Optional<Instant> until(String accountId) {
        Entry e = entries.get(accountId);
        if (e == null) {
            return Optional.empty();
        }
        return e.until().isAfter(clock.instant()) ? Optional.of(e.until()) : Optional.empty();
    }

    public Optional<Entry> entry(String accountId) {
        return Optional.ofNullable(entries.get(accountId)).filter(e -> e.until().isAfter(clock.instant()));
    }

    /** Clears the bench after a success. */
    public void clear(String accountId) {
        ownBenches.remove(accountId);
        if (entries.remove(accountId) != null) {
            store.delete(accountId);
        }
    }
}
