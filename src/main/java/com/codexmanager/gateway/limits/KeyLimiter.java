package com.codexmanager.gateway.limits;

import com.codexmanager.gateway.port.PlatformKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Enforces per-key limits in memory, before any upstream call: {@code requestsPerMinute} over a sliding 60-second
 * window (the start times of the last N admitted requests), {@code tokensPerDay} over the calendar day of the
 * service's time zone (input plus output tokens of finished requests, seeded from the request log at start and
 * kept up to date from every request record). Refused requests do not count. On a database shared by several
 * instances, what the other instances did with each key ({@link #othersDid}, refreshed every couple of seconds off
 * the request path) counts too, so a limit holds for the team, not per instance (to within that refresh).
 * Thread-safe and striped: each key has its own small state and lock, so requests of different keys never wait on
 * each other.
 */
public final class KeyLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** When other instances' requests fill the window, their start times are not known here: try again soon. */
    private static final Duration SHARED_RETRY = Duration.ofSeconds(2);

    /** Why a request was refused and when to retry. */
    public record Refusal(String message, Duration retryAfter) {
    }

    /** Other instances' use of the keys, for one day. Immutable. */
    private record Others(LocalDate day, Map<String, Long> tokens, Map<String, Long> recentRequests) {
        long tokensOn(String keyId, LocalDate today) {
            return today.equals(day) ? tokens.getOrDefault(keyId, 0L) : 0;
        }
    }

    private final ZoneId zone;
    private final Map<String, KeyState> states = new ConcurrentHashMap<>();
    private volatile Others others = new Others(LocalDate.MIN, Map.of(), Map.of());

    public KeyLimiter(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Counts today's tokens per key up to now (from the request log), so a restart does not reset a daily limit.
     *
     * @param day the day the totals belong to
     */
    public void seed(Map<String, Long> tokensToday, LocalDate day) {
        tokensToday.forEach((keyId, tokens) -> state(keyId).addTokens(day, tokens));
    }

    /**
     * What the other instances of a shared database did: tokens per key on {@code day} and requests per key started
     * in the last minute. Replaces what they were said to have done before.
     */
    public void othersDid(Map<String, Long> tokens, Map<String, Long> recentRequests, LocalDate day) {
        others = new Others(day, Map.copyOf(tokens), Map.copyOf(recentRequests));
    }

    /** The start of the current day in the service's time zone. */
    public Instant startOfDay(Instant now) {
        return day(now).atStartOfDay(zone).toInstant();
    }

    public LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    /**
     * Admits a request of {@code key} at {@code now} (and counts it), or says why not.
     *
     * @return empty when admitted
     */
    public Optional<Refusal> admit(PlatformKey key, Instant now) {
        PlatformKey.Limits limits = key.limits();
        if (limits.none()) {
            return Optional.empty();
        }
        LocalDate today = day(now);
        Others elsewhere = others;
        return state(key.id()).admit(key, limits, now, today, nextMidnight(now),
                elsewhere.tokensOn(key.id(), today), elsewhere.recentRequests().getOrDefault(key.id(), 0L));
    }

    /** A request of the key finished having used {@code tokens} input plus output tokens. */
    public void recordTokens(String keyId, long tokens, Instant at) {
        if (keyId != null && tokens > 0) {
            state(keyId).addTokens(day(at), tokens);
        }
    }

    /** Requests of the key other instances started in the last minute, as last read (for tests and diagnostics). */
    public long othersRecentRequests(String keyId) {
        return others.recentRequests().getOrDefault(keyId, 0L);
    }

    /** Tokens the key used today so far (for tests and diagnostics). */
    public long tokensToday(String keyId, Instant now) {
        KeyState state = states.get(keyId);
        return state == null ? 0 : state.tokensOn(day(now));
    }

    private Instant nextMidnight(Instant now) {
        return day(now).plusDays(1).atStartOfDay(zone).toInstant();
    }

    private KeyState state(String keyId) {
        return states.computeIfAbsent(keyId, id -> new KeyState());
    }

    /** One day's token count of one key. */
    private record DayTokens(LocalDate day, LongAdder tokens) {
    }

    /** One key's counters: the request window guarded by its own monitor, the day's tokens lock-free. */
    private static final class KeyState {
        private long[] starts = new long[0];
        private int next;
        private int size;
        private volatile DayTokens dayTokens;

        /**
         * @param otherTokens   tokens other instances counted today for the key
         * @param otherRequests requests other instances started for the key in the last minute
         */
        synchronized Optional<Refusal> admit(PlatformKey key, PlatformKey.Limits limits, Instant now, LocalDate today,
                Instant midnight, long otherTokens, long otherRequests) {
            if (limits.tokensPerDay() != null && tokensOn(today) + otherTokens >= limits.tokensPerDay()) {
                return Optional.of(new Refusal("key " + key.prefix() + "… has used its " + limits.tokensPerDay()
                        + " tokens for today; it may go on after midnight (" + midnight + ")",
                        Duration.between(now, midnight)));
            }
            Integer perMinute = limits.requestsPerMinute();
            if (perMinute == null) {
                return Optional.empty();
            }
            resize(perMinute);
            long nowMillis = now.toEpochMilli();
            if (otherRequests > 0 && ownSince(nowMillis - WINDOW.toMillis()) + otherRequests >= perMinute) {
                return Optional.of(new Refusal("key " + key.prefix() + "… is limited to " + perMinute
                        + " requests per minute (counted across the instances)", SHARED_RETRY));
            }
            if (size == starts.length) {
                long oldest = starts[next];
                long freeAt = oldest + WINDOW.toMillis();
                if (freeAt > nowMillis) {
                    return Optional.of(new Refusal("key " + key.prefix() + "… is limited to " + perMinute
                            + " requests per minute", Duration.ofMillis(freeAt - nowMillis)));
                }
            }
            starts[next] = nowMillis;
            next = (next + 1) % starts.length;
            size = Math.min(size + 1, starts.length);
            return Optional.empty();
        }

        private int ownSince(long fromMillis) {
            int count = 0;
            for (int i = 0; i < size; i++) {
                if (starts[i] >= fromMillis) {
                    count++;
                }
            }
            return count;
        }

        /** Keeps the most recent starts when the limit changed. */
        private void resize(int capacity) {
            if (starts.length == capacity) {
                return;
            }
            long[] resized = new long[capacity];
            int keep = Math.min(size, capacity);
            for (int i = 0; i < keep; i++) {
                int from = Math.floorMod(next - keep + i, Math.max(1, starts.length));
                resized[i] = starts[from];
            }
            starts = resized;
            size = keep;
            next = keep % capacity;
        }

        /**
         * Counts finished requests' tokens without taking the key's lock: every request of every key passes here,
         * and the requests of one busy key must not queue behind each other. Only a new day takes the lock.
         */
        void addTokens(LocalDate on, long count) {
            DayTokens current = dayTokens;
            if (current == null || on.isAfter(current.day())) {
                synchronized (this) {
                    current = dayTokens;
                    if (current == null || on.isAfter(current.day())) {
                        current = new DayTokens(on, new LongAdder());
                        dayTokens = current;
                    }
                }
            }
            if (on.equals(current.day())) {
                current.tokens().add(count);
            }
        }

        long tokensOn(LocalDate today) {
            DayTokens current = dayTokens;
            return current != null && today.equals(current.day()) ? current.tokens().sum() : 0;
        }
    }
}
