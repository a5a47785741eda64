package com.codexmanager.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an operator command gets from the launcher: where to print, the environment (read lazily, after
 * {@code --env-file} is known), the OS facts that locate the data dir, whether the output is a terminal (progress
 * lines), a clock and how often to ask the service about a login in progress. Immutable.
 */
public record CliContext(PrintWriter out, PrintWriter err, Supplier<Map<String, String>> env, String osName,
        Path userHome, boolean terminal, Clock clock, Duration loginPollInterval) {
}
