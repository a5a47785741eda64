package com.codexmanager.module;

import com.codexmanager.config.EnvFileReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the service needs from its host process: the environment (after env-file loading) and what the env file
 * supplied to it, a clock, the CPU count
 * and the OS facts used to find the data dir. Tests pass their own values. Immutable.
 */
public record ServiceOptions(Map<String, String> env, EnvFileReport envFile, Clock clock, int cores, String osName,
        Path userHome) {
    public ServiceOptions {
        env = Map.copyOf(env);
    }

    /** The real process: {@code env} as loaded by the launcher, system clock, this machine. */
    public static ServiceOptions forProcess(Map<String, String> env) {
        return forProcess(env, EnvFileReport.NONE);
    }

    /** As {@link #forProcess(Map)}, knowing which variables the launcher took from the env file. */
    public static ServiceOptions forProcess(Map<String, String> env, EnvFileReport envFile) {
        return new ServiceOptions(env, envFile, Clock.systemUTC(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name", "linux"), Path.of(System.getProperty("user.home", ".")));
    }

    public static ServiceOptions forTest(Map<String, String> env, Clock clock) {
        return forTest(env, EnvFileReport.NONE, clock);
    }

    public static ServiceOptions forTest(Map<String, String> env, EnvFileReport envFile, Clock clock) {
        return new ServiceOptions(env, envFile, clock, 2, "linux", Path.of(System.getProperty("java.io.tmpdir")));
    }
}
