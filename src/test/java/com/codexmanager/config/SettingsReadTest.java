package com.codexmanager.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every setting in the table (and so in README.md and env-samples) is read by the code of the area it documents: a
 * setting nobody reads is a promise the program does not keep. "Read" means the production code of that area names
 * the setting ({@code Setting.NAME}) or its RPC key (the desktop reads {@code appSettings/get} values by key).

 */
class SettingsReadTest {
    private static final Path MAIN = Path.of("src", "main", "java", "com", "codexmanager");

    /** The packages whose code each group of settings documents. */
    private static final Map<Setting.Group, List<String>> READERS = new EnumMap<>(Map.of(
            Setting.Group.SERVICE, List.of("service", "server", "config", "rpc", "desktop", "logging", "crypto", "store"),
            Setting.Group.LOGIN, List.of("auth"),
            Setting.Group.UPSTREAM, List.of("gateway", "usage", "auth", "upstream", "service"),
            Setting.Group.GATEWAY, List.of("gateway", "observability", "server"),
            Setting.Group.JOBS, List.of("usage", "auth", "account"),
            Setting.Group.DESKTOP, List.of("desktop")));

    @Test
    void every_setting_is_read_by_the_code_of_its_area() {
        Map<String, String> sources = sources();
        List<String> unread = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            List<String> packages = READERS.get(setting.group());
            boolean read = sources.entrySet().stream()
                    .filter(e -> packages.stream().anyMatch(p -> e.getKey().startsWith(p + "/")))
                    .filter(e -> !e.getKey().equals("config/Setting.java"))
                    .anyMatch(e -> names(e.getValue(), setting));
            if (!read) {
                unread.add(setting.envName() + " (expected in " + packages + ")");
            }
        }

        assertThat(unread).as("settings in the table that no code of their area reads").isEmpty();
    }

    private static boolean names(String source, Setting setting) {
        return source.matches("(?s).*\\bSetting\\." + setting.name() + "\\b.*")
                || source.contains("\"" + setting.key() + "\"");
    }

    /** Every main source file by path relative to the package root, with '/' separators. */
    private static Map<String, String> sources() {
        Map<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                out.put(MAIN.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
