package com.codexmanager;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The parsed command line. Immutable.
 *
 * @param mode    what to run
 * @param envFile an explicit {@code --env-file}, or empty to search next to the executable
 */
record CommandLine(Mode mode, Optional<Path> envFile) {
    enum Mode { DESKTOP, SERVE, HELP, VERSION }

    static final String USAGE = """
            Usage: codexmanager [serve] [--env-file PATH]
                   codexmanager --help | --version

              (no command)     start the desktop tray app with the embedded service (service only when
                               there is no display; CODEXMANAGER_NO_SERVICE=1 connects to a running service)
              serve            run the service headless in the foreground until Ctrl-C / SIGTERM
              --env-file PATH  load settings from PATH instead of codexmanager.env next to the executable
              --help, -h       show this help
              --version, -V    print the version

            Settings come from CODEXMANAGER_* environment variables; see README.md or env-samples/codexmanager.env.
            """;

    /** Thrown for arguments that cannot be understood; the launcher prints the usage and exits with 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static CommandLine parse(List<String> args) {
        Mode mode = Mode.DESKTOP;
        Path envFile = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "serve" -> mode = pick(mode, Mode.SERVE, arg);
                case "desktop" -> mode = pick(mode, Mode.DESKTOP, arg);
                case "--help", "-h", "help" -> {
                    return new CommandLine(Mode.HELP, Optional.empty());
                }
                case "--version", "-V", "version" -> {
                    return new CommandLine(Mode.VERSION, Optional.empty());
                }
                case "--env-file" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                        throw new UsageException("--env-file needs a path");
                    }
                    envFile = Path.of(args.get(++i));
                }
                default -> {
                    if (arg.startsWith("--env-file=")) {
                        envFile = Path.of(arg.substring("--env-file=".length()));
                    } else {
                        throw new UsageException("unknown argument: " + arg);
                    }
                }
            }
        }
        return new CommandLine(mode, Optional.ofNullable(envFile));
    }

    private static Mode pick(Mode current, Mode wanted, String arg) {
        if (current != Mode.DESKTOP && current != wanted) {
            throw new UsageException("more than one command given: " + arg);
        }
        return wanted;
    }
}
