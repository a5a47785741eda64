package com.codexmanager;

import com.codexmanager.cli.AccountCommand;
import com.codexmanager.cli.DbCommand;
import com.codexmanager.cli.KeyCommand;
import com.codexmanager.cli.StatusCommand;
import com.codexmanager.service.Version;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The command line: {@code codexmanager [COMMAND] [--env-file PATH]}. Without a command it starts the desktop;
 * {@code serve} runs the service headless; {@code account}, {@code key} and {@code status} talk to a running service
 * over RPC; {@code db copy} moves the embedded database to PostgreSQL. Filled by picocli, then run once; single-threaded.
 */
@Command(name = "codexmanager", mixinStandardHelpOptions = true, versionProvider = LauncherCommand.VersionText.class,
        scope = ScopeType.INHERIT,
        description = {"Account pool manager and local gateway for ChatGPT/Codex accounts.",
                "Without a command: the desktop tray app with the embedded service (the service only when there is "
                        + "no display; CODEXMANAGER_NO_SERVICE=1 connects to a running service)."},
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 usage error or an invalid setting needed to start.",
                "Settings come from CODEXMANAGER_* environment variables; see README.md or "
                        + "env-samples/codexmanager.env."},
        subcommands = {LauncherCommand.Serve.class, LauncherCommand.Desktop.class, LauncherCommand.VersionWord.class, AccountCommand.class,
                KeyCommand.class, StatusCommand.class, DbCommand.class, HelpCommand.class})
final class LauncherCommand implements Callable<Integer> {
    @Option(names = "--env-file", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "Load settings from PATH instead of the codexmanager.env next to the executable.")
    Path envFile;

    private final Launcher launcher;

    LauncherCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    Optional<Path> envFile() {
        return Optional.ofNullable(envFile);
    }

    @Override
    public Integer call() {
        return launcher.desktop();
    }

    /** {@code codexmanager serve}. */
    @Command(name = "serve",
            description = "Run the service headless in the foreground until Ctrl-C / SIGTERM.")
    static final class Serve implements Callable<Integer> {
        private final Launcher launcher;

        Serve(Launcher launcher) {
            this.launcher = launcher;
        }

        @Override
        public Integer call() {
            return launcher.serve();
        }
    }

    /** {@code codexmanager desktop}: the same as no command (kept for scripts that name it). */
    @Command(name = "desktop", hidden = true, description = "Start the desktop (the default).")
    static final class Desktop implements Callable<Integer> {
        private final Launcher launcher;

        Desktop(Launcher launcher) {
            this.launcher = launcher;
        }

        @Override
        public Integer call() {
            return launcher.desktop();
        }
    }

    /** {@code codexmanager version}: the same as {@code --version} (kept for scripts that name it). */
    @Command(name = "version", hidden = true, description = "Print the version.")
    static final class VersionWord implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(new VersionText().getVersion()[0]);
            return 0;
        }
    }

    /** {@code --version}. */
    static final class VersionText implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"codexmanager " + Version.current()};
        }
    }
}
