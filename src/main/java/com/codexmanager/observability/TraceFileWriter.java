package com.codexmanager.observability;

import com.codexmanager.config.DataDir;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TraceLog} behind {@code gateway-trace.log}. Callers only enqueue (bounded, never blocking); the
 * thread {@code codexmanager-trace-writer} formats, redacts and appends lines. When the file would grow beyond
 * {@code CODEXMANAGER_TRACE_LOG_MAX_BYTES} it is rotated to {@code .1} (older ones shift up to {@code .3}, the
 * oldest is deleted), so the trace never takes more than four times that size. Files are owner-only.
 * Thread-safe.
 */
public final class TraceFileWriter implements TraceLog, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TraceFileWriter.class);
    static final int KEPT_FILES = 3;
    static final int CAPACITY = 16_384;
    static final int MAX_BATCH = 512;
    /** How long the writer gathers lines after a partial batch: one file write per 50 ms at most under load. */
    static final Duration LINGER = Duration.ofMillis(50);
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private record Pending(Instant ts, String traceId, TraceEvent event, Map<String, ?> fields) {
    }

    private final Path file;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final AsyncBatcher<Pending> batcher;
    private OutputStream out;
    private long size;

    TraceFileWriter(Path file, Supplier<Settings> settings, Clock clock) {
        this.file = file;
        this.settings = settings;
        this.clock = clock;
        this.batcher = new AsyncBatcher<>("codexmanager-trace-writer", CAPACITY, MAX_BATCH, LINGER, this::write);
    }

    @Override
    public void event(String traceId, TraceEvent event, Map<String, ?> fields) {
        batcher.offer(new Pending(clock.instant(), traceId, event, new LinkedHashMap<>(fields)));
    }

    /** The current trace file (rotated ones are {@code <file>.1} to {@code .}{@value #KEPT_FILES}). */
    Path file() {
        return file;
    }

    /** Events dropped because the queue was full, or lost to file errors. */
    public long lostEvents() {
        AsyncBatcher.Stats stats = batcher.stats();
        return stats.dropped() + stats.failed();
    }

    /** Events appended to the file so far. */
    public long writtenEvents() {
        return batcher.stats().written();
    }

    // Runs on the writer thread only.
    private void write(List<Pending> batch) {
        Settings current = settings.get();
        long maxBytes = current.number(Setting.TRACE_LOG_MAX_BYTES);
        int previewBytes = current.integer(Setting.TRACE_BODY_PREVIEW_MAX_BYTES);
        try {
            for (Pending p : batch) {
                byte[] line = (TraceLineFormatter.format(p.ts(), p.traceId(), p.event(), p.fields(), previewBytes)
                        + "\n").getBytes(StandardCharsets.UTF_8);
                if (out != null && size > 0 && size + line.length > maxBytes) {
                    rotate();
                }
                if (out == null) {
                    open();
                }
                out.write(line);
                size += line.length;
            }
            out.flush();
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("cannot write " + file.getFileName(), e);
        }
    }

    private void open() throws IOException {
        DataDir.createOwnerOnlyFile(file);
        // buffered: the batch's lines leave in a few write calls at its end (flush), not one call per line
        out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), WRITE_BUFFER_BYTES);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        closeQuietly();
        Files.deleteIfExists(rotated(KEPT_FILES));
        for (int i = KEPT_FILES - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }

    Path rotated(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    private void closeQuietly() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            log.warn("Closing {} failed: {}", file.getFileName(), e.getMessage());
        }
        out = null;
        size = 0;
    }

    @Override
    public void close() {
        batcher.close();
        closeQuietly();
    }
}
