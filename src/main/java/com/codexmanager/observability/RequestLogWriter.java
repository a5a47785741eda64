package com.codexmanager.observability;

import java.time.Duration;

/**
 * The production {@link RequestLogSink}: entries go into a bounded in-memory queue and one named thread
 * ({@code codexmanager-requestlog-writer}) stores them in batches of up to {@value #MAX_BATCH} rows per
 * transaction. {@link #record} never blocks; when the queue is full the entry is dropped and counted in
 * {@link #stats()}. {@link #close} stores what is queued (bounded wait). Thread-safe.
 */
public final class RequestLogWriter implements RequestLogSink, AutoCloseable {
    /** Queue size: about 10 MB of entries, several seconds of bursts at thousands of requests per second. */
    public static final int DEFAULT_CAPACITY = 32_768;
    static final int MAX_BATCH = 1_000;
    /** How long the writer gathers entries after a partial batch: one transaction per 50 ms at most under load. */
    static final Duration LINGER = Duration.ofMillis(50);

    /** Counters since start: accepted into the queue, stored, dropped (queue full), lost to store errors. */
    public record Stats(long accepted, long written, long dropped, long failed, long batches, int queued) {
    }

    private final AsyncBatcher<RequestLogEntry> batcher;

    RequestLogWriter(RequestLogRepository repository, int capacity) {
        this.batcher = new AsyncBatcher<>("codexmanager-requestlog-writer", capacity, MAX_BATCH, LINGER,
                repository::insert);
    }

    @Override
    public void record(RequestLogEntry entry) {
        batcher.offer(entry);
    }

    public Stats stats() {
        AsyncBatcher.Stats s = batcher.stats();
        return new Stats(s.accepted(), s.written(), s.dropped(), s.failed(), s.batches(), s.queued());
    }

    /** Stores what is queued, waiting at most {@code timeout}. */
    public void close(Duration timeout) {
        batcher.close(timeout);
    }

    @Override
    public void close() {
        batcher.close();
    }
}
