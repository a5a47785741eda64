package com.codexmanager.gateway.limits;

import com.codexmanager.gateway.port.PlatformKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces per-key limits in memory, before any upstream call: {@code requestsPerMinute} over a sliding 60-second
 * window (the start times of the last N admitted requests), {@code tokensPerDay} over the calendar day of the
 * service's time zone (input plus output tokens of finished requests, seeded from the request log at start and
 * kept up to date from every request record). Refused requests do not count. Thread-safe and striped: each key has
 * its own small state and lock, so requests of different keys never wait on each other.
 */
public final class KeyLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** Why a request was refused and when to retry. */
    public record Refusal(String message, Duration retryAfter) {
    }

    private final ZoneId zone;
    private final Map<String, KeyState> states = new ConcurrentHashMap<>();

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
        return state(key.id()).admit(key, limits, now, day(now), nextMidnight(now));
    }

    /** A request of the key finished having used {@code tokens} input plus output tokens. */
    public void recordTokens(String keyId, long tokens, Instant at) {
        if (keyId != null && tokens > 0) {
            state(keyId).addTokens(day(at), tokens);
        }
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

    /** One key's counters; guarded by its own monitor. */
    private static final class KeyState {
        private long[] starts = new long[0];
        private int next;
        private int size;
        private LocalDate day;
        private long tokens;

        synchronized Optional<Refusal> admit(PlatformKey key, PlatformKey.Limits limits, Instant now, LocalDate today,
                Instant midnight) {
            if (limits.tokensPerDay() != null && tokensOn(today) >= limits.tokensPerDay()) {
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

        synchronized void addTokens(LocalDate on, long count) {
            if (day == null || on.isAfter(day)) {
                day = on;
                tokens = 0;
            }
            if (on.equals(day)) {
                tokens += count;
            }
        }

        synchronized long tokensOn(LocalDate today) {
            return today.equals(day) ? tokens : 0;
        }
    }
}
