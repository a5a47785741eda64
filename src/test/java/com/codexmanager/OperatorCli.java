package com.codexmanager;

import com.codexmanager.testkit.ServiceHarness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code codexmanager ARGS...} in this JVM as the launcher runs it, and captures the exit code and output.
 * Stateless; each run has its own streams.
 */
final class OperatorCli {
    private OperatorCli() {
    }

    /** One command's exit code and output. */
    record Run(int code, String out, String err) {
    }

    /** As {@code main} runs it, with {@code env} as the process environment (not a terminal under the test runner). */
    static Run run(Map<String, String> env, String... args) {
        return run(env, false, new ByteArrayOutputStream(), args);
    }

    /** With explicit {@code --service} and {@code --token}, as a script would call it. */
    static Run against(ServiceHarness service, String... args) {
        return against(service, new ByteArrayOutputStream(), args);
    }

    /** As {@link #against(ServiceHarness, String...)}, printing into {@code out}, which may be read while it runs. */
    static Run against(ServiceHarness service, ByteArrayOutputStream out, String... args) {
        return run(Map.of(), false, out, withService(service, args));
    }

    /** As {@link #against(ServiceHarness, String...)} with the output on a terminal (progress lines). */
    static Run onTerminal(ServiceHarness service, String... args) {
        return run(Map.of(), true, new ByteArrayOutputStream(), withService(service, args));
    }

    /** As {@link #against(ServiceHarness, String...)} with {@code env} as the process environment. */
    static Run against(ServiceHarness service, Map<String, String> env, String... args) {
        return run(env, false, new ByteArrayOutputStream(), withService(service, args));
    }

    private static String[] withService(ServiceHarness service, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--service", service.baseUrl(), "--token", service.rpcToken()));
        return all.toArray(String[]::new);
    }

    private static Run run(Map<String, String> env, boolean terminal, ByteArrayOutputStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Launcher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, terminal).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
