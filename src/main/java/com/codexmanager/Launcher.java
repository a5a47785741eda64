package com.codexmanager;

import com.codexmanager.cli.CliContext;
import com.codexmanager.cli.CliFailure;
import com.codexmanager.cli.RpcConnection;
import com.codexmanager.config.EnvFile;
import com.codexmanager.config.EnvFileReport;
import com.codexmanager.config.InvalidSettingException;
import com.codexmanager.config.Settings;
import com.codexmanager.module.ServiceOptions;
import com.codexmanager.server.PortInUseException;
import com.codexmanager.service.CodexManagerService;
import com.codexmanager.service.JvmMemory;
import com.codexmanager.store.StoreException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.IFactory;
import picocli.CommandLine;

/**
 * Parses the command line with picocli and runs the chosen mode: the desktop, {@code serve}, or an operator command
 * ({@code account}, {@code key}, {@code status}). Exit codes: 0 ok, 1 failed (the service could not run, a command
 * failed), 2 usage errors and invalid settings the service needs to start. Single-threaded; one run per instance.
 */
final class Launcher {
    static final Duration LOGIN_POLL_INTERVAL = Duration.ofSeconds(1);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> processEnv;
    private final boolean terminal;
    private LauncherCommand top;

    Launcher(PrintStream out, PrintStream err, Map<String, String> processEnv, boolean terminal) {
        this.out = out;
        this.err = err;
        this.processEnv = Map.copyOf(processEnv);
        this.terminal = terminal;
    }

    int run(String... args) {
        top = new LauncherCommand(this);
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(outWriter, errWriter, () -> environment().variables(),
                System.getProperty("os.name", "linux"), Path.of(System.getProperty("user.home", ".")), terminal,
                Clock.systemDefaultZone(), LOGIN_POLL_INTERVAL);
        CommandLine cli = new CommandLine(top, factory(context));
        cli.setOut(outWriter).setErr(errWriter);
        cli.setParameterExceptionHandler((e, arguments) -> {
            errWriter.println("codexmanager: " + e.getMessage());
            e.getCommandLine().usage(errWriter);
            return CliFailure.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof CliFailure failure) {
                errWriter.println("codexmanager: " + failure.getMessage());
                return failure.exitCode();
            }
            if (e instanceof RpcConnection.ServiceError error) {
                errWriter.println("codexmanager: the service refused it: " + error.getMessage() + " (" + error.code()
                        + ")");
                return CliFailure.FAILED;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** Commands are built with the launcher or the operator context, whichever their constructor takes. */
    private IFactory factory(CliContext context) {
        IFactory fallback = CommandLine.defaultFactory();
        return new IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                    Class<?>[] parameters = constructor.getParameterTypes();
                    if (parameters.length == 1 && parameters[0] == CliContext.class) {
                        return type.cast(constructor.newInstance(context));
                    }
                    if (parameters.length == 1 && parameters[0] == Launcher.class) {
                        constructor.setAccessible(true);
                        return type.cast(constructor.newInstance(Launcher.this));
                    }
                }
                return fallback.create(type);
            }
        };
    }

    Optional<Path> envFile() {
        return top.envFile();
    }

    /**
     * The process environment plus the env file: {@code --env-file}, else the first of {@link EnvFile#FILE_NAMES}
     * next to the executable.
     *
     * @throws CliFailure (usage) when an explicit file does not exist
     */
    EnvFile.Loaded environment() {
        return loadEnvironment(envFile(), processEnv);
    }

    /** See {@link #environment()}. */
    static EnvFile.Loaded loadEnvironment(Optional<Path> explicit, Map<String, String> processEnv) {
        if (explicit.isPresent()) {
            Path file = explicit.get();
            if (!Files.isRegularFile(file)) {
                throw new CliFailure(CliFailure.USAGE, "--env-file " + file + " does not exist");
            }
            return EnvFile.load(processEnv, file.toAbsolutePath(), null);
        }
        Path dir = ExecutableDir.locate();
        return EnvFile.find(dir).map(f -> EnvFile.load(processEnv, f, dir))
                .orElseGet(() -> new EnvFile.Loaded(processEnv, EnvFileReport.notFound(dir)));
    }

    /** The service's options, or a usage failure naming every invalid setting it needs to start. */
    private ServiceOptions serviceOptions() {
        ClassDataArchive.prepare(System.getProperty(ClassDataArchive.PROPERTY), true);
        // only where the service runs in this process (serve, desktop), not for the operator commands
        JvmMemory.releaseWhenIdleInBackground();
        EnvFile.Loaded env = environment();
        List<String> invalid = Settings.of(env.variables(), env.report(), Map.of()).startErrors();
        if (!invalid.isEmpty()) {
            throw new CliFailure(CliFailure.USAGE, String.join(System.lineSeparator() + "codexmanager: ", invalid));
        }
        return ServiceOptions.forProcess(env.variables(), env.report());
    }

    /**
     * Desktop mode, with the service-only fallback when there is no display. The desktop classes are reached only
     * from here, so {@code serve} and the operator commands never load AWT.
     */
    int desktop() {
        ServiceOptions options = serviceOptions();
        Optional<String> headless = com.codexmanager.desktop.DesktopLauncher.headlessReason(options.env(),
                System.getProperty("os.name", "linux"));
        if (headless.isPresent()) {
            err.println("codexmanager: " + headless.get() + "; running the service only (same as 'serve').");
            return serve(options);
        }
        return com.codexmanager.desktop.DesktopLauncher.run(com.codexmanager.desktop.DesktopOptions.forProcess(
                options), err);
    }

    int serve() {
        return serve(serviceOptions());
    }

    private int serve(ServiceOptions options) {
        CodexManagerService service;
        try {
            service = CodexManagerService.start(options);
        } catch (InvalidSettingException e) {
            throw new CliFailure(CliFailure.USAGE, String.join(System.lineSeparator() + "codexmanager: ",
                    e.problems()));
        } catch (PortInUseException | StoreException e) {
            throw new CliFailure(CliFailure.FAILED, e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new CliFailure(CliFailure.FAILED, e.getMessage() + (e.getCause() == null ? ""
                    : ": " + e.getCause().getMessage()));
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
