package com.codexmanager.desktop.theme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Whether the operating system is set to a dark appearance, for the "system" theme. Linux: {@code GTK_THEME}, then
 * GNOME's {@code color-scheme} and {@code gtk-theme} via {@code gsettings}, then KDE's {@code kdeglobals} colour
 * scheme. Windows: the {@code AppsUseLightTheme} registry value. macOS: {@code AppleInterfaceStyle}. Anything that
 * cannot be read counts as light. Each command gets {@link #COMMAND_TIMEOUT_MS}; callers keep it off the EDT.
 * Stateless; thread-safe.
 */
public final class SystemDarkMode {
    static final long COMMAND_TIMEOUT_MS = 1500;

    /** Runs a command and returns its standard output, or empty when it failed, timed out or does not exist. */
    @FunctionalInterface
    public interface Commands {
        Optional<String> output(List<String> command);
    }

    private final String osName;
    private final Function<String, String> env;
    private final Commands commands;
    private final Path home;

    public SystemDarkMode(String osName, Function<String, String> env, Commands commands, Path home) {
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.env = env;
        this.commands = commands;
        this.home = home;
    }

    /** The real machine: this OS, this environment, real processes. */
    public static SystemDarkMode of(Function<String, String> env) {
        return new SystemDarkMode(System.getProperty("os.name", ""), env, SystemDarkMode::run,
                Path.of(System.getProperty("user.home", ".")));
    }

    public boolean prefersDark() {
        if (osName.contains("win")) {
            return commands.output(List.of("reg", "query",
                            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                            "/v", "AppsUseLightTheme"))
                    .map(out -> out.matches("(?s).*AppsUseLightTheme\\s+REG_DWORD\\s+0x0+\\b.*")).orElse(false);
        }
        if (osName.contains("mac")) {
            return commands.output(List.of("defaults", "read", "-g", "AppleInterfaceStyle"))
                    .map(out -> out.trim().equalsIgnoreCase("dark")).orElse(false);
        }
        return linuxPrefersDark();
    }

    private boolean linuxPrefersDark() {
        String gtkTheme = env.apply("GTK_THEME");
        if (gtkTheme != null && !gtkTheme.isBlank()) {
            return isDarkName(gtkTheme);
        }
        Optional<String> scheme = gsettings("color-scheme");
        if (scheme.isPresent() && scheme.get().contains("prefer-dark")) {
            return true;
        }
        if (scheme.isPresent() && scheme.get().contains("prefer-light")) {
            return false;
        }
        if (gsettings("gtk-theme").map(SystemDarkMode::isDarkName).orElse(false)) {
            return true;
        }
        return kdeColorScheme().map(SystemDarkMode::isDarkName).orElse(false);
    }

    private Optional<String> gsettings(String key) {
        return commands.output(List.of("gsettings", "get", "org.gnome.desktop.interface", key));
    }

    private Optional<String> kdeColorScheme() {
        String configHome = env.apply("XDG_CONFIG_HOME");
        Path file = (configHome == null || configHome.isBlank() ? home.resolve(".config") : Path.of(configHome))
                .resolve("kdeglobals");
        try {
            boolean general = false;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("[")) {
                    general = trimmed.equals("[General]");
                } else if (general && trimmed.startsWith("ColorScheme=")) {
                    return Optional.of(trimmed.substring("ColorScheme=".length()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no KDE settings here
        }
        return Optional.empty();
    }

    private static boolean isDarkName(String name) {
        return name.toLowerCase(Locale.ROOT).contains("dark");
    }

    private static Optional<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            try (InputStream stdout = process.getInputStream()) {
                if (!process.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return Optional.empty();
                }
                String out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
                return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
