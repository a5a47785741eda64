package com.codexmanager.desktop.autostart;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line that starts this desktop: the jpackage launcher when {@code jpackage.app-path} is set, else
 * {@code java -jar <running jar>}. Immutable; {@code argv} is never empty.
 */
public record LaunchCommand(List<String> argv) {
    public LaunchCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
    }

    /** The command of the running process, or empty when it runs from classes (an IDE or a test). */
    public static Optional<LaunchCommand> current() {
        String appPath = System.getProperty("jpackage.app-path");
        if (appPath != null && !appPath.isBlank()) {
            return Optional.of(new LaunchCommand(List.of(appPath)));
        }
        try {
            var source = LaunchCommand.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
                return Optional.empty();
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return Optional.of(new LaunchCommand(List.of(java.toString(), "-jar", jar.toString())));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
