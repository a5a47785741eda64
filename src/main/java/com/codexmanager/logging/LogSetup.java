package com.codexmanager.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * Runtime logging set-up on top of {@code logback.xml}: the rolling file in the data dir, the level, and the exact
 * secrets the redacting layout masks. The secrets live in the Logback context, not in a static field.
 */
public final class LogSetup {
    private static final String SECRETS_KEY = "codexmanager.secrets";
    private static final String FILE_APPENDER = "codexmanager-file";
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    private LogSetup() {
    }

    /** Adds (once per directory) a size- and day-rolling {@code codexmanager.log} and applies the level. */
    public static synchronized void attachFile(Path logDir, String level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        String name = fileAppenderName(logDir);
        if (root.getAppender(name) != null) {
            return;
        }
        RedactingPatternLayout layout = new RedactingPatternLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new OwnerOnlyRollingFileAppender();
        appender.setContext(context);
        appender.setName(name);
        appender.setFile(logDir.resolve("codexmanager.log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new OwnerOnlyRollingPolicy();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(logDir.resolve("codexmanager.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("200MB"));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
    }

    private static String fileAppenderName(Path logDir) {
        return FILE_APPENDER + ":" + logDir.toAbsolutePath();
    }

    /** The rolling file appender of {@code logDir}, if {@link #attachFile} added one (tests force rollovers). */
    static Optional<RollingFileAppender<ILoggingEvent>> fileAppender(Path logDir) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && context.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(fileAppenderName(logDir))
                instanceof RollingFileAppender<ILoggingEvent> appender) {
            return Optional.of(appender);
        }
        return Optional.empty();
    }

    /** Masks this exact value in every log line from now on (the RPC token, a cookie setting, …). */
    public static void registerSecret(String secret) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && secret != null
                && secret.length() >= 4) {
            secretSet(context).add(secret);
        }
    }

    static Set<String> secrets(Context context) {
        if (context == null) {
            return Set.of();
        }
        Object value = context.getObject(SECRETS_KEY);
        if (value instanceof Set<?> set) {
            @SuppressWarnings("unchecked")
            Set<String> strings = (Set<String>) set;
            return strings;
        }
        return Set.of();
    }

    private static synchronized Set<String> secretSet(Context context) {
        Object value = context.getObject(SECRETS_KEY);
        if (value instanceof Set<?>) {
            @SuppressWarnings("unchecked")
            Set<String> strings = (Set<String>) value;
            return strings;
        }
        Set<String> created = ConcurrentHashMap.newKeySet();
        context.putObject(SECRETS_KEY, created);
        return created;
    }
}
