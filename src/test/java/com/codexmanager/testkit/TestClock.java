package com.codexmanager.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that only moves when a test tells it to.
 *
 * <p>Thread-safe: readers on server threads see every {@link #advance} made by the test thread. The zone is
 * always UTC.
 */
public final class TestClock extends Clock {
    /** 2026-01-01T00:00:00Z, a round instant that keeps expected values in tests readable. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;

    private TestClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** A clock standing at {@link #DEFAULT_START}. */
    public static TestClock create() {
        return new TestClock(DEFAULT_START);
    }

    /** A clock standing at {@code start}. */
    public static TestClock at(Instant start) {
        return new TestClock(start);
    }

    /** Moves the clock forward; {@code amount} must not be negative. */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        return now.updateAndGet(current -> current.plus(amount));
    }

    /** Puts the clock at {@code instant}, forwards or backwards. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("TestClock is always UTC");
    }

    @Override
    public String toString() {
        return "TestClock[" + now.get() + "]";
    }
}
