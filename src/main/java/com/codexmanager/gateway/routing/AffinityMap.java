package com.codexmanager.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Session affinity: which account served a conversation last, so the next turn goes to the same account and the
 * upstream prompt cache stays warm. Bounded (least recently used entries are evicted) and entries expire after a
 * TTL without use. Thread-safe (one lock; every operation is O(1)).
 */
public final class AffinityMap {
    private record Entry(String accountId, Instant lastUsed) {
    }

    private final Clock clock;
    private final int capacity;
    private volatile Duration ttl;
    private final LinkedHashMap<String, Entry> entries;

    public AffinityMap(Clock clock, Duration ttl, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > AffinityMap.this.capacity;
            }
        };
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    /** The account bound to this conversation, if the binding has not expired. */
    public synchronized Optional<String> lookup(String keyId, String conversation) {
        if (conversation == null || ttl.isZero()) {
            return Optional.empty();
        }
        String key = key(keyId, conversation);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.lastUsed().plus(ttl).isBefore(clock.instant())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.accountId());
    }

    /** Binds (or re-binds) the conversation to the account that just served it. */
    public synchronized void bind(String keyId, String conversation, String accountId) {
        if (conversation == null || ttl.isZero()) {
            return;
        }
        entries.put(key(keyId, conversation), new Entry(accountId, clock.instant()));
    }

    public synchronized int size() {
        return entries.size();
    }

    private static String key(String keyId, String conversation) {
        return keyId + '\u0000' + conversation;
    }
}
