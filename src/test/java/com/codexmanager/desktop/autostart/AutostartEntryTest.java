package com.codexmanager.desktop.autostart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutostartEntryTest {
    private static final LaunchCommand JAR = new LaunchCommand(
            List.of("/usr/lib/jvm/bin/java", "-jar", "/home/me/Apps/Codex Manager/codexmanager.jar"));

    @TempDir
    Path dir;

    @Test
    void the_linux_entry_is_an_owner_only_xdg_file_that_quotes_spaces() throws IOException {
        LinuxAutostart entry = new LinuxAutostart(dir.resolve("autostart"), JAR);
        entry.install();
        Path file = dir.resolve("autostart").resolve("codexmanager.desktop");
        assertThat(entry.isInstalled()).isTrue();
        assertThat(Files.readString(file)).startsWith("[Desktop Entry]\n").contains("Type=Application\n")
                .contains("Exec=/usr/lib/jvm/bin/java -jar \"/home/me/Apps/Codex Manager/codexmanager.jar\"\n");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(Files.list(file.getParent())).as("no temp file left").containsExactly(file);
        entry.remove();
        assertThat(entry.isInstalled()).isFalse();
        entry.remove();
    }

    @Test
    void the_windows_entry_is_a_startup_script_that_starts_without_a_console_wait() throws IOException {
        WindowsAutostart entry = new WindowsAutostart(dir, new LaunchCommand(List.of("C:\\Apps\\CodexManager.exe")));
        entry.apply(true);
        assertThat(Files.readString(dir.resolve("CodexManager.cmd")))
                .isEqualTo("@echo off\r\nstart \"\" \"C:\\Apps\\CodexManager.exe\"\r\n");
        entry.apply(false);
        assertThat(Files.exists(dir.resolve("CodexManager.cmd"))).isFalse();
    }

    @Test
    void the_mac_entry_is_a_launch_agent_that_runs_at_load() throws IOException {
        MacAutostart entry = new MacAutostart(dir.resolve("LaunchAgents"),
                new LaunchCommand(List.of("/Applications/CodexManager.app/Contents/MacOS/CodexManager", "a&b")));
        entry.install();
        String plist = Files.readString(dir.resolve("LaunchAgents").resolve("com.codexmanager.desktop.plist"));
        assertThat(plist).contains("<key>Label</key>\n  <string>com.codexmanager.desktop</string>")
                .contains("<string>/Applications/CodexManager.app/Contents/MacOS/CodexManager</string>")
                .contains("<string>a&amp;b</string>").contains("<key>RunAtLoad</key>\n  <true/>");
        entry.remove();
        assertThat(entry.isInstalled()).isFalse();
    }

    @Test
    void each_os_gets_its_folder_and_xdg_config_home_is_honoured() {
        Path home = dir.resolve("home");
        assertThat(AutostartEntry.forOs("Linux", Map.of(), home, JAR).file())
                .isEqualTo(home.resolve(".config/autostart/codexmanager.desktop"));
        assertThat(AutostartEntry.forOs("Linux", Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString()), home,
                JAR).file()).isEqualTo(dir.resolve("xdg/autostart/codexmanager.desktop"));
        assertThat(AutostartEntry.forOs("Mac OS X", Map.of(), home, JAR).file())
                .isEqualTo(home.resolve("Library/LaunchAgents/com.codexmanager.desktop.plist"));
        assertThat(AutostartEntry.forOs("Windows 11", Map.of("APPDATA", dir.resolve("roaming").toString()), home,
                JAR).file()).isEqualTo(dir.resolve("roaming/Microsoft/Windows/Start Menu/Programs/Startup")
                .resolve("CodexManager.cmd"));
    }

    @Test
    void an_unknown_launch_command_refuses_to_install_but_still_removes() throws IOException {
        LinuxAutostart located = new LinuxAutostart(dir, JAR);
        located.install();
        UnavailableAutostart entry = new UnavailableAutostart(located);
        assertThatThrownBy(entry::install).isInstanceOf(IOException.class).hasMessageContaining("jar");
        entry.remove();
        assertThat(located.isInstalled()).isFalse();
    }
}
