package com.codexmanager;

import java.io.PrintStream;
import java.util.Map;

/**
 * Entry point: {@code codexmanager [serve | account … | key … | status] [--env-file PATH] | --help | --version}
 * (see {@link LauncherCommand}). Exit codes: 0 success, 1 the service could not run or a command failed, 2 bad
 * arguments or an invalid setting the service needs to start (address, database path), named with its value and
 * origin.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ClassDataArchive.prepare(System.getProperty(ClassDataArchive.PROPERTY), false);
        int code = run(args, System.out, System.err);
        // Desktop mode leaves AWT's non-daemon threads behind after the user quits, so always exit explicitly.
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** As {@link #run(String[], PrintStream, PrintStream)} with the given process environment (tests). */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> processEnv) {
        return new Launcher(out, err, processEnv, System.console() != null).run(args);
    }
}
