package com.codexmanager.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What loading the env file did, for the start-up log and for {@code appSettings/get}: which file was read, the
 * variables it supplied, the ones it also named but the process environment already set (the environment wins), and
 * one warning per line that could not be used. Immutable.
 *
 * @param file     the file read; {@code null} when none was found
 * @param searched the folder looked in when no {@code --env-file} was given; {@code null} otherwise
 * @param applied  variables taken from the file, in file order
 * @param ignored  names in the file that the process environment already defines
 * @param warnings "{@code FILE:LINE: problem}" for malformed lines and unknown {@code CODEXMANAGER_} names
 */
public record EnvFileReport(Path file, Path searched, Map<String, String> applied, List<String> ignored,
        List<String> warnings) {
    public EnvFileReport {
        applied = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(applied));
        ignored = List.copyOf(ignored);
        warnings = List.copyOf(warnings);
    }

    /** No file was looked for (tests, embedded callers that pass their own environment). */
    public static final EnvFileReport NONE = new EnvFileReport(null, null, Map.of(), List.of(), List.of());

    /** Nothing was found in {@code dir}. */
    public static EnvFileReport notFound(Path dir) {
        return new EnvFileReport(null, dir, Map.of(), List.of(), List.of());
    }

    public Optional<Path> loadedFile() {
        return Optional.ofNullable(file);
    }

    /** Whether {@code name} has its value from the file (the environment did not set it). */
    public boolean supplied(String name) {
        return applied.containsKey(name);
    }

    /** One line for the start-up log, or empty when no file was looked for. */
    public Optional<String> summary() {
        if (file != null) {
            return Optional.of("Settings file " + file + ": " + applied.size() + " variable"
                    + (applied.size() == 1 ? "" : "s") + " applied" + (ignored.isEmpty() ? ""
                    : "; ignored because the environment already sets them: " + String.join(", ", ignored)));
        }
        if (searched != null) {
            return Optional.of("No settings file in " + searched + " (looked for "
                    + String.join(", ", EnvFile.FILE_NAMES) + "); settings come from the environment only");
        }
        return Optional.empty();
    }
}
