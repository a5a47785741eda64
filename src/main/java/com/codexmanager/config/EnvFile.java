package com.codexmanager.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** The process environment with a file's variables added, and what the file contributed. Immutable. */
    public record Loaded(Map<String, String> variables, EnvFileReport report) {
        public Loaded {
            variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }
    }

    /**
     * Returns {@code processEnv} plus the file's variables that the process environment does not already define
     * (a variable set to the empty string counts as defined).
     */
    public static Map<String, String> overlay(Map<String, String> processEnv, Path file) {
        return load(processEnv, file, null).variables();
    }

    /**
     * Loads {@code file} over {@code processEnv} as {@link #overlay} does and reports what it did.
     *
     * @param searched the folder the file was found in by {@link #find}, or {@code null} for an explicit file
     */
    public static Loaded load(Map<String, String> processEnv, Path file, Path searched) {
        Map<String, String> merged = new LinkedHashMap<>(processEnv);
        Map<String, String> applied = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Parsed parsed = parseLines(read(file));
        parsed.problems().forEach(p -> warnings.add(file + ":" + p));
        parsed.vars().forEach((name, value) -> {
            if (processEnv.containsKey(name)) {
                ignored.add(name);
            } else {
                merged.put(name, value);
                applied.put(name, value);
            }
            if (name.startsWith(Setting.PREFIX) && Setting.find(name).isEmpty()
                    && RetiredSettings.replacement(name).isEmpty()) {
                warnings.add(file + ":" + parsed.lines().get(name) + ": " + name + " is not a known setting "
                        + "(see env-samples/codexmanager.env); ignored");
            }
        });
        return new Loaded(merged, new EnvFileReport(file, searched, applied, ignored, warnings));
    }

    /** Parses dotenv text into variables, in file order; later duplicates win. */
    public static Map<String, String> parse(String text) {
        return parseLines(text).vars();
    }

    /** Variables with the line each was last set on, and "LINE: problem" for each line that was skipped. */
    private record Parsed(Map<String, String> vars, Map<String, Integer> lines, List<String> problems) {
    }

    private static Parsed parseLines(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] rawLines = text.split("\\R", -1);
        for (int i = 0; i < rawLines.length; i++) {
            int number = i + 1;
            String line = rawLines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(number + ": no NAME=value here; line ignored");
                continue;
            }
            String name = line.substring(0, eq).strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                problems.add(number + ": '" + shorten(name) + "' is not a variable name; line ignored");
                continue;
            }
            String rawValue = line.substring(eq + 1).strip();
            if (unterminatedQuote(rawValue)) {
                problems.add(number + ": the value of " + name + " opens a quote that is never closed; the rest of "
                        + "the line is taken as it is");
            }
            vars.put(name, value(rawValue));
            lines.put(name, number);
        }
        return new Parsed(vars, lines, problems);
    }

    private static boolean unterminatedQuote(String raw) {
        return !raw.isEmpty() && (raw.charAt(0) == '"' || raw.charAt(0) == '\'') && raw.indexOf(raw.charAt(0), 1) < 0;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
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
