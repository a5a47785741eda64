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
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every setting in the table (and so in README.md and env-samples) is read by the code of the area it documents: a
 * setting nobody reads is a promise the program does not keep. "Read" means that production code of that area asks
 * a {@link Settings} snapshot for its value ({@code text}, {@code isSet}, {@code number}, {@code integer},
 * {@code enabled}, {@code address} with {@code Setting.NAME}). Naming the setting is not enough: the table, its
 * parser and the docs generation ({@code config/}) and the desktop's labels and help ({@link #NOT_READERS}) name every
 * setting. The few settings read another way are listed in {@link #READ_OTHERWISE}, each with the code that reads it.
 */
class SettingsReadTest {
    private static final Path MAIN = Path.of("src", "main", "java", "com", "codexmanager");

    /** The packages whose code each group of settings documents. */
    private static final Map<Setting.Group, List<String>> READERS = new EnumMap<>(Map.of(
            Setting.Group.SERVICE, List.of("service", "server", "rpc", "desktop", "logging", "crypto", "store"),
            Setting.Group.LOGIN, List.of("auth"),
            Setting.Group.UPSTREAM, List.of("gateway", "usage", "auth", "upstream", "service"),
            Setting.Group.GATEWAY, List.of("gateway", "observability", "server"),
            Setting.Group.JOBS, List.of("usage", "auth", "account"),
            Setting.Group.DESKTOP, List.of("desktop")));

    /** Files that name settings without acting on them: labels and help of the desktop's settings page. */
    private static final Set<String> NOT_READERS = Set.of("desktop/panel/SettingTexts.java");

    /** A read that is not a {@link Settings} accessor call: where it is and the code that reads the value. */
    private record OtherRead(String file, String code) {
    }

    /**
     * Settings read another way. The desktop's own switches are read by RPC key from the service's
     * {@code appSettings/get} snapshot (where the environment and the stored value are already merged), because the
     * desktop may run without an embedded service and so without a {@link Settings} of its own.
     */
    private static final Map<Setting, OtherRead> READ_OTHERWISE = new EnumMap<>(Map.of(
            // DesktopApp hides windows to the tray on close when this is on
            Setting.UI_CLOSE_TO_TRAY, new OtherRead("desktop/theme/Appearance.java", "values.get(\"uiCloseToTray\")"),
            // DesktopApp and the settings page write or remove the OS autostart entry from it
            Setting.UI_START_AT_LOGIN, new OtherRead("desktop/panel/SettingsPanel.java",
                    "values.get(START_AT_LOGIN).getAsBoolean()")));

    @Test
    void every_setting_is_read_through_the_settings_accessors_by_the_code_of_its_area() {
        Map<String, String> sources = sources();
        List<String> unread = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            if (READ_OTHERWISE.containsKey(setting)) {
                continue;
            }
            List<String> packages = READERS.get(setting.group());
            boolean read = sources.entrySet().stream()
                    .filter(e -> packages.stream().anyMatch(p -> e.getKey().startsWith(p + "/")))
                    .filter(e -> !NOT_READERS.contains(e.getKey()))
                    .anyMatch(e -> reads(e.getValue(), setting));
            if (!read) {
                unread.add(setting.envName() + " (expected in " + packages + ")");
            }
        }

        assertThat(unread).as("settings in the table that no code of their area reads").isEmpty();
    }

    /** Each exception still holds: its reader still reads it, and no accessor call reads it (else drop it). */
    @Test
    void every_setting_read_another_way_is_read_where_listed_and_only_there() {
        Map<String, String> sources = sources();

        READ_OTHERWISE.forEach((setting, where) -> {
            assertThat(sources.get(where.file())).as(setting + " in " + where.file()).contains(where.code());
            assertThat(sources.values()).as(setting + " is read by an accessor now: remove its exception")
                    .noneMatch(source -> reads(source, setting));
        });
    }

    @Test
    void naming_a_setting_is_not_reading_it() {
        Setting setting = Setting.USAGE_REFRESH_WORKERS;

        assertThat(reads("int n = (int) settings.get().number(com.codexmanager.config.Setting.USAGE_REFRESH_WORKERS);",
                setting)).isTrue();
        assertThat(reads("if (s.enabled(\n        Setting.USAGE_REFRESH_WORKERS)) {", setting)).isTrue();
        assertThat(reads("Set.of(Setting.USAGE_REFRESH_WORKERS, Setting.LOG_LEVEL)", setting)).isFalse();
        assertThat(reads("label(Setting.USAGE_REFRESH_WORKERS, \"usageRefreshWorkers\")", setting)).isFalse();
        assertThat(reads("settings.number(Setting.USAGE_REFRESH_WORKERS_MAX)", setting)).isFalse();
    }

    /** Whether {@code source} asks a settings snapshot for {@code setting}'s value. */
    private static boolean reads(String source, Setting setting) {
        return Pattern.compile("\\.(text|isSet|number|integer|enabled|address)\\(\\s*(?:[\\w.]+\\.)?Setting\\."
                + setting.name() + "\\b").matcher(source).find();
    }

    /** Every main source file outside {@code config/}, by path relative to the package root, with '/' separators. */
    private static Map<String, String> sources() {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = MAIN.relativize(file).toString().replace('\\', '/');
                if (!name.startsWith("config/")) {
                    out.put(name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
