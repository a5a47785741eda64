package com.codexmanager.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.rolling.helper.CompressionMode;
import com.codexmanager.config.DataDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Size- and day-based rolling whose {@code .gz} archives only their owner may read. Logback's own compressor creates
 * the archive with the process umask (often {@code rw-r--r--}), so this policy keeps Logback's naming, counters and
 * pruning (maxHistory, totalSizeCap, all on the {@code .gz} pattern) but lets it only rename the active file, which
 * keeps that file's {@code rw-------}; it then compresses the renamed file into an owner-only {@code .gz} and deletes
 * it, on its own thread ({@code codexmanager-log-compress}, started on demand and gone when idle) so that the thread
 * that logged does not wait. A crash before the compression ends leaves the plain archive, owner-only, in place.
 * The file name pattern must end in {@code .gz}. Thread-safety as {@link SizeAndTimeBasedRollingPolicy}:
 * {@link #rollover()} runs under the appender's lock.
 */
final class OwnerOnlyRollingPolicy extends SizeAndTimeBasedRollingPolicy<ILoggingEvent> {
    private static final long STOP_WAIT_SECONDS = 30;

    private final ThreadPoolExecutor compressor = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "codexmanager-log-compress");
                thread.setDaemon(true);
                return thread;
            });

    @Override
    public void start() {
        super.start();
        if (compressionMode != CompressionMode.GZ) {
            addError("the file name pattern must end in .gz: " + fileNamePatternStr);
            return;
        }
        // Logback has derived the archive names and the pruning from the .gz pattern; from here on it only renames.
        compressionMode = CompressionMode.NONE;
    }

    @Override
    public void rollover() {
        String archive = getTimeBasedFileNamingAndTriggeringPolicy().getElapsedPeriodsFileName();
        super.rollover();
        if (getCompressionMode() == CompressionMode.NONE && archive != null) {
            compressor.execute(() -> compress(Path.of(archive)));
        }
    }

    @Override
    public void stop() {
        compressor.shutdown();
        try {
            if (!compressor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                addWarn("a log archive was still being compressed after " + STOP_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.stop();
    }

    /** Runs on the compressor thread; failures go to Logback's status, not to the log being rolled. */
    private void compress(Path archive) {
        Path gz = archive.resolveSibling(archive.getFileName() + ".gz");
        if (!Files.exists(archive)) {
            return;
        }
        if (Files.exists(gz)) {
            addWarn(gz + " exists already; " + archive + " stays uncompressed");
            return;
        }
        try {
            DataDir.createOwnerOnlyFile(gz);
            try (InputStream in = Files.newInputStream(archive);
                    OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz,
                            StandardOpenOption.TRUNCATE_EXISTING))) {
                in.transferTo(out);
            }
            Files.delete(archive);
        } catch (IOException | RuntimeException e) {
            addError("cannot compress " + archive, e);
        }
    }
}
