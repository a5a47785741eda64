package com.codexmanager;

import com.codexmanager.config.EnvFile;
import com.codexmanager.config.EnvFileReport;
import com.codexmanager.config.InvalidSettingException;
import com.codexmanager.config.Settings;
import com.codexmanager.service.CodexManagerService;
import com.codexmanager.service.ServiceOptions;
import com.codexmanager.service.Version;
import com.codexmanager.server.PortInUseException;
import com.codexmanager.store.StoreException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point: {@code codexmanager [serve] [--env-file PATH] | --help | --version}. Exit codes: 0 success, 1 the
 * service could not run (port or database in use, bad data dir), 2 bad arguments or an invalid setting the service
 * needs to start (address, database path), named with its value and origin.
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
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(Arrays.asList(args));
        } catch (CommandLine.UsageException e) {
            err.println("codexmanager: " + e.getMessage());
            err.print(CommandLine.USAGE);
            return 2;
        }
        switch (commandLine.mode()) {
            case HELP -> {
                out.print(CommandLine.USAGE);
                return 0;
            }
            case VERSION -> {
                out.println("codexmanager " + Version.current());
                return 0;
            }
            default -> {
                // handled below
            }
        }
        ClassDataArchive.prepare(System.getProperty(ClassDataArchive.PROPERTY), true);
        EnvFile.Loaded env;
        try {
            env = loadEnvironment(commandLine.envFile(), System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("codexmanager: " + e.getMessage());
            return 2;
        }
        List<String> invalid = Settings.of(env.variables(), env.report(), Map.of()).startErrors();
        if (!invalid.isEmpty()) {
            invalid.forEach(problem -> err.println("codexmanager: " + problem));
            return 2;
        }
        if (commandLine.mode() == CommandLine.Mode.DESKTOP) {
            return desktop(env, err);
        }
        return serve(ServiceOptions.forProcess(env.variables(), env.report()), err);
    }

    /**
     * Desktop mode, with the service-only fallback when there is no display. The desktop classes are reached only
     * from here, so {@code serve} never loads AWT.
     */
    private static int desktop(EnvFile.Loaded env, PrintStream err) {
        ServiceOptions options = ServiceOptions.forProcess(env.variables(), env.report());
        Optional<String> headless = com.codexmanager.desktop.DesktopLauncher.headlessReason(env.variables(),
                System.getProperty("os.name", "linux"));
        if (headless.isPresent()) {
            err.println("codexmanager: " + headless.get() + "; running the service only (same as 'serve').");
            return serve(options, err);
        }
        return com.codexmanager.desktop.DesktopLauncher.run(com.codexmanager.desktop.DesktopOptions.forProcess(
                options), err);
    }

    /**
     * The process environment plus the env file: {@code explicit} ({@code --env-file}), else the first of
     * {@link EnvFile#FILE_NAMES} next to the executable.
     *
     * @throws IllegalArgumentException when an explicit file does not exist
     */
    static EnvFile.Loaded loadEnvironment(Optional<Path> explicit, Map<String, String> processEnv) {
        if (explicit.isPresent()) {
            Path file = explicit.get();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--env-file " + file + " does not exist");
            }
            return EnvFile.load(processEnv, file.toAbsolutePath(), null);
        }
        Path dir = ExecutableDir.locate();
        return EnvFile.find(dir).map(f -> EnvFile.load(processEnv, f, dir))
                .orElseGet(() -> new EnvFile.Loaded(processEnv, EnvFileReport.notFound(dir)));
    }

    private static int serve(ServiceOptions options, PrintStream err) {
        CodexManagerService service;
        try {
            service = CodexManagerService.start(options);
        } catch (InvalidSettingException e) {
            e.problems().forEach(problem -> err.println("codexmanager: " + problem));
            return 2;
        } catch (PortInUseException | StoreException e) {
            err.println("codexmanager: " + e.getMessage());
            return 1;
        } catch (java.io.UncheckedIOException e) {
            err.println("codexmanager: " + e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
