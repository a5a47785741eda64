package com.codexmanager.concurrent;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named executors and a stop that never interrupts. The service's background work writes to an embedded database
 * whose file channel an interrupt would close in the middle of a write, so executors are stopped by refusing new
 * work and waiting for the running task instead of {@code shutdownNow()}. Stateless.
 */
public final class Executors2 {
    private static final Logger log = LoggerFactory.getLogger(Executors2.class);

    private Executors2() {
    }

    /** Daemon threads named {@code name}, or {@code name-1}, {@code name-2}… when {@code numbered}. */
    public static ThreadFactory named(String name, boolean numbered) {
        AtomicInteger ids = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + "-" + ids.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * A single-thread scheduler whose delayed and periodic tasks are dropped at shutdown, so {@link #stop} returns
     * as soon as the running task (if any) is done.
     */
    public static ScheduledExecutorService scheduler(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, named(name, false));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * Refuses new tasks and waits up to {@code wait} for running ones; never interrupts them.
     *
     * @return whether every task finished in time
     */
    public static boolean stop(ExecutorService executor, Duration wait, String what) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            log.warn("{} still running after {} ms; left to finish on its own", what, wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
