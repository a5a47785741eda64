package com.codexmanager.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Session affinity: which account served a conversation last, so the next turn goes to the same account and the
 * upstream prompt cache stays warm. Entries expire after a TTL without use. Bounded: when the map grows past its
 * capacity, the least recently used tenth is evicted in one pass. Thread-safe and lock-free on the request path
 * (a lookup and a bind per request; one lock around them serialised every request).
 */
public final class AffinityMap {
    private record Entry(String accountId, Instant lastUsed) {
    }

    private final Clock clock;
    private final int capacity;
    private volatile Duration ttl;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean evicting = new AtomicBoolean();

    public AffinityMap(Clock clock, Duration ttl, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    /** The account bound to this conversation, if the binding has not expired. */
    public Optional<String> lookup(String keyId, String conversation) {
        if (conversation == null || ttl.isZero()) {
            return Optional.empty();
        }
        String key = key(keyId, conversation);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.lastUsed().plus(ttl).isBefore(clock.instant())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.accountId());
    }

    /** Binds (or re-binds) the conversation to the account that just served it. */
    public void bind(String keyId, String conversation, String accountId) {
        if (conversation == null || ttl.isZero()) {
            return;
        }
        entries.put(key(keyId, conversation), new Entry(accountId, clock.instant()));
        if (entries.size() > capacity && evicting.compareAndSet(false, true)) {
            try {
                evictOldest(entries.size() - capacity + capacity / 10);
            } finally {
                evicting.set(false);
            }
        }
    }

    public int size() {
        return entries.size();
    }

    private void evictOldest(int count) {
        entries.entrySet().stream()
                .sorted(Comparator.comparing(e -> e.getValue().lastUsed()))
                .limit(count)
                .forEach(e -> entries.remove(e.getKey(), e.getValue()));
    }

    private static String key(String keyId, String conversation) {
        return keyId + '\u0000' + conversation;
    }
}
