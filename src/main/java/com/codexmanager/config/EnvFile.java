package com.codexmanager.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads dotenv files the way the seed does: {@code #} or {@code ;} comment lines, an optional {@code export }
 * prefix, single or double quotes, and an inline {@code " #"} comment after an unquoted value. Stateless.
 */
public final class EnvFile {
    /** The names looked for next to the executable, in order; only the first one found is loaded. */
    public static final List<String> FILE_NAMES = List.of("codexmanager.env", "CodexManager.env", ".env");

    private EnvFile() {
    }

    /** The first of {@link #FILE_NAMES} that exists in {@code dir}. */
    public static Optional<Path> find(Path dir) {
        for (String name : FILE_NAMES) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns {@code processEnv} plus the file's variables that the process environment does not already define
     * (a variable set to the empty string counts as defined).
     */
    public static Map<String, String> overlay(Map<String, String> processEnv, Path file) {
        Map<String, String> merged = new LinkedHashMap<>(processEnv);
        parse(read(file)).forEach(merged::putIfAbsent);
        return merged;
    }

    /** Parses dotenv text into variables, in file order; later duplicates win. */
    public static Map<String, String> parse(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String rawLine : text.split("\\R")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = line.substring(0, eq).strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                continue;
            }
            vars.put(name, value(line.substring(eq + 1).strip()));
        }
        return vars;
    }

    private static String value(String raw) {
        if (raw.length() >= 1 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')) {
            char quote = raw.charAt(0);
            int end = raw.indexOf(quote, 1);
            if (end > 0) {
                String inner = raw.substring(1, end);
                return quote == '"' ? inner.replace("\\n", "\n").replace("\\\"", "\"") : inner;
            }
        }
        int comment = raw.indexOf(" #");
        int tabComment = raw.indexOf("\t#");
        int cut = comment < 0 ? tabComment : (tabComment < 0 ? comment : Math.min(comment, tabComment));
        return (cut >= 0 ? raw.substring(0, cut) : raw).strip();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read env file " + file, e);
        }
    }
}
