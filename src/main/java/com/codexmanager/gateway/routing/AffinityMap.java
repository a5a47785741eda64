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
    /**
     * Where bindings are shared with the other instances of a shared database; implementations must be
     * thread-safe, and {@link #save} must not block (it may queue).
     */
    public interface Store {
        /** The stored binding of a conversation (by its key digest), if any. */
        Optional<Binding> find(String conversationKey);

        void save(String conversationKey, Binding binding);

        Store NONE = new Store() {
            @Override
            public Optional<Binding> find(String conversationKey) {
                return Optional.empty();
            }

            @Override
            public void save(String conversationKey, Binding binding) {
            }
        };
    }

    /** A conversation's account and when that account last served it. */
    public record Binding(String accountId, Instant lastUsed) {
    }

    /** How long a binding read from a shared store is trusted before it is read again. */
    static final Duration RECHECK = Duration.ofSeconds(10);
    /** A binding that did not change is written back at most this often (to keep it from expiring elsewhere). */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(60);

    private record Entry(String accountId, Instant lastUsed, Instant checked, Instant saved) {
    }

    private final Clock clock;
    private final int capacity;
    private final Store store;
    private volatile Duration ttl;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean evicting = new AtomicBoolean();

    public AffinityMap(Clock clock, Duration ttl, int capacity) {
        this(clock, ttl, capacity, Store.NONE);
    }

    /**
     * @param store shares bindings with other instances: a conversation this instance has not seen for
     *              {@link #RECHECK} is looked up there, and new or moved bindings are written there
     */
    public AffinityMap(Clock clock, Duration ttl, int capacity, Store store) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
        this.store = store;
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
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (store != Store.NONE && (entry == null || !entry.checked().plus(RECHECK).isAfter(now))) {
            entry = refresh(key, entry, now);
        }
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.lastUsed().plus(ttl).isBefore(now)) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.accountId());
    }

    /** Takes the shared binding when it is newer than what this instance knows. */
    private Entry refresh(String key, Entry local, Instant now) {
        Optional<Binding> shared = store.find(digest(key));
        Entry next;
        if (shared.isPresent() && (local == null || shared.get().lastUsed().isAfter(local.lastUsed()))) {
            next = new Entry(shared.get().accountId(), shared.get().lastUsed(), now, shared.get().lastUsed());
        } else if (local != null) {
            next = new Entry(local.accountId(), local.lastUsed(), now, local.saved());
        } else {
            return null;
        }
        entries.put(key, next);
        return next;
    }

    /** Binds (or re-binds) the conversation to the account that just served it. */
    public void bind(String keyId, String conversation, String accountId) {
        if (conversation == null || ttl.isZero()) {
            return;
        }
        String key = key(keyId, conversation);
        Instant now = clock.instant();
        Entry previous = entries.get(key);
        boolean write = store != Store.NONE && (previous == null || !previous.accountId().equals(accountId)
                || !previous.saved().plus(TOUCH_EVERY).isAfter(now));
        entries.put(key, new Entry(accountId, now, now, write || previous == null ? now : previous.saved()));
        if (write) {
            store.save(digest(key), new Binding(accountId, now));
        }
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

    /** The shared store's key: a digest, so that conversation ids of any length fit and are not stored. */
    static String digest(String key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
