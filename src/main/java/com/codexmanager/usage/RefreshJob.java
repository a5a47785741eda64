package com.codexmanager.usage;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One "refresh all" run: counters the desktop polls with {@code job/status}. Thread-safe; counters only grow.
 */
final class RefreshJob {
    private final String id;
    private final int total;
    private final Instant startedAt;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    RefreshJob(String id, int total, Instant startedAt) {
        this.id = id;
        this.total = total;
        this.startedAt = startedAt;
    }

    String id() {
        return id;
    }

    void finished(boolean success) {
        if (!success) {
            failed.incrementAndGet();
        }
        done.incrementAndGet();
    }

    boolean running() {
        return done.get() < total;
    }

    /** The RPC shape of {@code job/status}. */
    Status status() {
        int failedNow = failed.get();
        int doneNow = done.get();
        return new Status(id, "usage_refresh", doneNow, total, failedNow, doneNow < total, startedAt);
    }

    /**
     * Progress of a job. Immutable.
     *
     * @param done    accounts finished so far, failures included
     * @param failed  accounts whose refresh failed
     * @param running false once {@code done == total}
     */
    record Status(String jobId, String kind, int done, int total, int failed, boolean running, Instant startedAt) {
    }
}
