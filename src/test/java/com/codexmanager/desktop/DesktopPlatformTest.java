package com.codexmanager.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where file choosers open: the home of the environment the desktop was started with, not the JVM's guess. */
class DesktopPlatformTest {
    @TempDir
    Path dir;

    @Test
    void the_home_is_HOME_when_it_is_set() {
        Path home = dir.resolve("alice");
        Path profile = dir.resolve("profile");

        Path found = DesktopPlatform.userHome(Map.of("HOME", home.toString(), "USERPROFILE", profile.toString()));

        assertThat(found).isEqualTo(home);
    }

    @Test
    void without_HOME_the_home_is_USERPROFILE_as_on_windows() {
        Path profile = dir.resolve("profile");

        Path found = DesktopPlatform.userHome(Map.of("USERPROFILE", profile.toString()));

        assertThat(found).isEqualTo(profile);
    }

    @Test
    void a_blank_or_relative_HOME_is_passed_over() {
        Path profile = dir.resolve("profile");

        assertThat(DesktopPlatform.userHome(Map.of("HOME", " ", "USERPROFILE", profile.toString())))
                .isEqualTo(profile);
        assertThat(DesktopPlatform.userHome(Map.of("HOME", "relative/home", "USERPROFILE", profile.toString())))
                .isEqualTo(profile);
    }

    @Test
    void with_neither_the_home_is_the_jvms_user_home() {
        Path found = DesktopPlatform.userHome(Map.of("HOME", "", "PATH", "/usr/bin"));

        assertThat(found).isEqualTo(Path.of(System.getProperty("user.home")));
    }
}
