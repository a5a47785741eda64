package com.codexmanager.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Ends every stall of the fake at once when it shuts down. Thread-safe. */
final class ShutdownSignal {
    private final CountDownLatch latch = new CountDownLatch(1);

    void trigger() {
        latch.countDown();
    }

    boolean triggered() {
        return latch.getCount() == 0;
    }

    /** Waits up to {@code timeout}; returns true when the fake is shutting down. */
    boolean await(Duration timeout) {
        try {
            return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
