package com.codexmanager.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.ServiceHarness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The service's log archives ({@code logs/codexmanager.<day>.<n>.log.gz}) are owner-only like every other file in the
 * data dir. Logback's own compressor created them with the process umask ({@code rw-r--r--} under umask 022).
 */
class LogFilePermissionsTest {
    @TempDir
    Path dir;

    @Test
    void a_rolled_over_log_is_archived_owner_only_and_keeps_its_lines() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path logs = dir.resolve("logs");
        try (ServiceHarness harness = ServiceHarness.start(dir)) {
            RollingFileAppender<ILoggingEvent> appender = LogSetup.fileAppender(logs).orElseThrow();
            // the next event falls on the next day: Logback rolls the file over exactly as at midnight
            ((TimeBasedRollingPolicy<ILoggingEvent>) appender.getRollingPolicy())
                    .getTimeBasedFileNamingAndTriggeringPolicy()
                    .setCurrentTime(System.currentTimeMillis() + Duration.ofDays(1).toMillis());

            LoggerFactory.getLogger(LogFilePermissionsTest.class).info("the line that rolls the file over");

            Await.until("the compressed archive", Duration.ofSeconds(10), () -> archives(logs).size() == 1
                    && archives(logs).get(0).toString().endsWith(".log.gz"));
        }

        Path archive = archives(logs).get(0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs.resolve("codexmanager.log"))))
                .isEqualTo("rw-------");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("listening on");
        }
    }

    /** Every file in the logs folder except the active one, i.e. the archives (plain while being compressed). */
    private static List<Path> archives(Path logs) {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> !f.getFileName().toString().equals("codexmanager.log")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
