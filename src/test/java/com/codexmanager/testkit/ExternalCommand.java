package com.codexmanager.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a real client binary for the tests that drive one (Codex CLI, Claude Code); they skip without it. */
public final class ExternalCommand {
    private ExternalCommand() {
    }

    /**
     * @param variable an environment variable that may name the binary's path (wins when set)
     * @param name     the command looked up on the PATH otherwise
     */
    public static Optional<Path> find(String variable, String name) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
