package com.codexmanager.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue drained by one named thread that hands items to a consumer in batches. {@link #offer} never
 * blocks: when the queue is full the item is dropped and counted, so memory stays bounded whatever the load.
 * A consumer failure loses that batch (counted and logged) and the thread carries on. {@link #close} stops taking
 * items, drains what is queued and waits a bounded time for the thread. Thread-safe.
 */
final class AsyncBatcher<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AsyncBatcher.class);
    private static final long IDLE_POLL_MILLIS = 200;

    /** Counters since start. {@code queued} is a momentary reading. */
    record Stats(long accepted, long written, long dropped, long failed, long batches, int queued) {
    }

    private final String name;
    private final BlockingQueue<T> queue;
    private final int maxBatch;
    private final Consumer<List<T>> consumer;
    private final Thread thread;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile boolean closing;

    AsyncBatcher(String threadName, int capacity, int maxBatch, Consumer<List<T>> consumer) {
        if (capacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("capacity and maxBatch must be positive: " + capacity + ", "
                    + maxBatch);
        }
        this.name = threadName;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.consumer = consumer;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues {@code item}; returns {@code false} (and counts a drop) when full or closed. */
    boolean offer(T item) {
        if (!closing && queue.offer(item)) {
            accepted.incrementAndGet();
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    Stats stats() {
        return new Stats(accepted.get(), written.get(), dropped.get(), failed.get(), batches.get(), queue.size());
    }

    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (true) {
            T first;
            try {
                first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // nobody interrupts this thread; if someone does, what is still queued is lost and counted
                failed.addAndGet(queue.size());
                return;
            }
            if (first == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            deliver(batch);
            batch.clear();
        }
    }

    private void deliver(List<T> batch) {
        try {
            consumer.accept(batch);
            written.addAndGet(batch.size());
        } catch (RuntimeException e) {
            failed.addAndGet(batch.size());
            log.warn("{}: lost a batch of {} items: {}", name, batch.size(), e.getMessage());
        } finally {
            batches.incrementAndGet();
        }
    }

    /** Stops accepting, drains the queue, and waits at most {@code timeout} for the thread. */
    void close(Duration timeout) {
        closing = true;
        try {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                // no interrupt: it could land inside a database write and close the file under it
                log.warn("{}: still writing after {} ms; abandoning {} queued items", name, timeout.toMillis(),
                        queue.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
