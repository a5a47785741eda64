package com.codexmanager.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {
    private static final Path HOME = Path.of("/home/alice");

    @TempDir
    Path tmp;

    @Test
    void linux_uses_xdg_data_home_when_set() {
        DataDir dir = DataDir.resolve(Settings.fromEnvironment(Map.of()), Map.of("XDG_DATA_HOME", "/data"), "Linux",
                HOME);

        assertThat(dir.root()).isEqualTo(Path.of("/data/codexmanager"));
        assertThat(dir.databaseFile()).isEqualTo(Path.of("/data/codexmanager/codexmanager.mv.db"));
    }

    @Test
    void linux_defaults_to_local_share() {
        DataDir dir = DataDir.resolve(Settings.fromEnvironment(Map.of()), Map.of(), "Linux", HOME);

        assertThat(dir.root()).isEqualTo(HOME.resolve(".local/share/codexmanager"));
    }

    @Test
    void windows_uses_appdata() {
        DataDir dir = DataDir.resolve(Settings.fromEnvironment(Map.of()), Map.of("APPDATA", "/appdata"),
                "Windows 11", HOME);

        assertThat(dir.root()).isEqualTo(Path.of("/appdata/CodexManager"));
    }

    @Test
    void macos_uses_application_support() {
        DataDir dir = DataDir.resolve(Settings.fromEnvironment(Map.of()), Map.of(), "Mac OS X", HOME);

        assertThat(dir.root()).isEqualTo(HOME.resolve("Library/Application Support/CodexManager"));
    }

    @Test
    void db_path_overrides_and_its_folder_becomes_the_data_dir() {
        Settings settings = Settings.fromEnvironment(Map.of("CODEXMANAGER_DB_PATH", "/srv/cm/pool.mv.db"));

        DataDir dir = DataDir.resolve(settings, Map.of("XDG_DATA_HOME", "/data"), "Linux", HOME);

        assertThat(dir.root()).isEqualTo(Path.of("/srv/cm"));
        assertThat(dir.h2FilePath()).isEqualTo("/srv/cm/pool");
        assertThat(dir.rpcTokenFile()).isEqualTo(Path.of("/srv/cm/codexmanager.rpc-token"));
    }

    @Test
    void created_folders_and_written_files_are_owner_only() throws Exception {
        DataDir dir = new DataDir(tmp.resolve("cm"), tmp.resolve("cm/codexmanager.mv.db"));

        dir.create();
        DataDir.writeOwnerOnly(dir.rpcTokenFile(), "x".getBytes());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.root()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.rpcTokenFile())))
                .isEqualTo("rw-------");
    }
}
