package com.codexmanager.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts requests in flight per account and enforces {@code ACCOUNT_MAX_INFLIGHT}. When every candidate is full, a
 * request waits up to the gate timeout for a slot on any of them; independent requests never wait on each other
 * otherwise (no per key/model lock). Thread-safe.
 */
public final class InflightTracker {
    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    /** Requests waiting at the gate; a release takes the lock to wake them only when there are some. */
    private final AtomicInteger waiting = new AtomicInteger();

    /** A held slot; close it exactly once when the attempt ends. */
    public interface Slot extends AutoCloseable {
        String accountId();

        @Override
        void close();
    }

    /**
     * Takes a slot on the first candidate (in order) below {@code max} ({@code max} 0 = unlimited), waiting up to
     * {@code gateWait} when all are full.
     *
     * @return the slot, or empty when none freed up in time
     */
    public Optional<Slot> acquire(List<String> candidates, int max, Duration gateWait) throws InterruptedException {
        long deadline = System.nanoTime() + gateWait.toNanos();
        while (true) {
            for (String id : candidates) {
                if (tryAcquire(id, max)) {
                    return Optional.of(slot(id));
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Optional.empty();
            }
            waiting.incrementAndGet();
            lock.lock();
            try {
                released.await(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            } finally {
                lock.unlock();
                waiting.decrementAndGet();
            }
        }
    }

    /** Takes a slot on exactly this account if it is below {@code max}. */
    public Optional<Slot> tryAcquireOne(String accountId, int max) {
        return tryAcquire(accountId, max) ? Optional.of(slot(accountId)) : Optional.empty();
    }

    public int inflight(String accountId) {
        AtomicInteger c = counts.get(accountId);
        return c == null ? 0 : c.get();
    }

    public boolean isFull(String accountId, int max) {
        return max > 0 && inflight(accountId) >= max;
    }

    private boolean tryAcquire(String id, int max) {
        AtomicInteger count = counts.computeIfAbsent(id, k -> new AtomicInteger());
        while (true) {
            int current = count.get();
            if (max > 0 && current >= max) {
                return false;
            }
            if (count.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    private Slot slot(String id) {
        return new Slot() {
            private final AtomicBoolean open = new AtomicBoolean(true);

            @Override
            public String accountId() {
                return id;
            }

            @Override
            public void close() {
                if (open.compareAndSet(true, false)) {
                    counts.get(id).decrementAndGet();
                    if (waiting.get() > 0) {
                        lock.lock();
                        try {
                            released.signalAll();
                        } finally {
                            lock.unlock();
                        }
                    }
                }
            }
        };
    }
}
