package com.codexmanager.desktop.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemDarkModeTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> outputs = new HashMap<>();
    private final List<String> ran = new ArrayList<>();

    private SystemDarkMode on(String os) {
        return new SystemDarkMode(os, env::get, command -> {
            String line = String.join(" ", command);
            ran.add(line);
            return Optional.ofNullable(outputs.get(line));
        }, home);
    }

    private static final String COLOR_SCHEME = "gsettings get org.gnome.desktop.interface color-scheme";
    private static final String GTK_THEME = "gsettings get org.gnome.desktop.interface gtk-theme";

    @Test
    void gtk_theme_in_the_environment_decides_without_running_anything() {
        env.put("GTK_THEME", "Adwaita:dark");
        assertThat(on("Linux").prefersDark()).isTrue();
        env.put("GTK_THEME", "Adwaita");
        assertThat(on("Linux").prefersDark()).isFalse();
        assertThat(ran).isEmpty();
    }

    @Test
    void gnome_color_scheme_prefer_dark_means_dark_and_prefer_light_means_light() {
        outputs.put(COLOR_SCHEME, "'prefer-dark'\n");
        assertThat(on("Linux").prefersDark()).isTrue();
        outputs.put(COLOR_SCHEME, "'prefer-light'\n");
        outputs.put(GTK_THEME, "'Yaru-dark'\n");
        assertThat(on("Linux").prefersDark()).isFalse();
    }

    @Test
    void a_dark_gtk_theme_counts_when_the_color_scheme_is_default() {
        outputs.put(COLOR_SCHEME, "'default'\n");
        outputs.put(GTK_THEME, "'Yaru-dark'\n");
        assertThat(on("Linux").prefersDark()).isTrue();
    }

    @Test
    void kde_colour_scheme_is_read_from_kdeglobals() throws IOException {
        Files.createDirectories(home.resolve(".config"));
        Files.writeString(home.resolve(".config/kdeglobals"),
                "[Colors:View]\nColorScheme=Light\n\n[General]\nColorScheme=BreezeDark\nName=Breeze Dark\n");
        assertThat(on("Linux").prefersDark()).isTrue();

        env.put("XDG_CONFIG_HOME", home.resolve("elsewhere").toString());
        assertThat(on("Linux").prefersDark()).isFalse();
    }

    @Test
    void nothing_readable_on_linux_means_light() {
        assertThat(on("Linux").prefersDark()).isFalse();
        assertThat(ran).containsExactly(COLOR_SCHEME, GTK_THEME);
    }

    @Test
    void windows_reads_apps_use_light_theme_from_the_registry() {
        String query = "reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize /v "
                + "AppsUseLightTheme";
        outputs.put(query, "\r\nHKEY_CURRENT_USER\\...\\Personalize\r\n    AppsUseLightTheme    REG_DWORD    0x0\r\n");
        assertThat(on("Windows 11").prefersDark()).isTrue();
        outputs.put(query, "\r\n    AppsUseLightTheme    REG_DWORD    0x1\r\n");
        assertThat(on("Windows 11").prefersDark()).isFalse();
        outputs.remove(query);
        assertThat(on("Windows 11").prefersDark()).isFalse();
    }

    @Test
    void macos_reads_apple_interface_style() {
        outputs.put("defaults read -g AppleInterfaceStyle", "Dark\n");
        assertThat(on("Mac OS X").prefersDark()).isTrue();
        outputs.remove("defaults read -g AppleInterfaceStyle");
        assertThat(on("Mac OS X").prefersDark()).isFalse();
    }
}
