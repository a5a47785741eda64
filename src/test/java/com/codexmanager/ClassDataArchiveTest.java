package com.codexmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
    @TempDir
    Path home;

    private Path archive() {
        return home.resolve(".cache/codexmanager/desktop.jsa");
    }

    private void writeArchive(long bytes) throws IOException {
        Files.createDirectories(archive().getParent());
        try (RandomAccessFile file = new RandomAccessFile(archive().toFile(), "rw")) {
            file.setLength(bytes);
        }
    }

    @Test
    void the_folder_of_the_named_archive_is_created() {
        assertThat(ClassDataArchive.prepare(archive().toString(), true))
                .isEqualTo(ClassDataArchive.Outcome.FOLDER_READY);
        assertThat(archive().getParent()).isDirectory();
        assertThat(archive()).doesNotExist();
    }

    @Test
    void a_long_running_start_drops_an_archive_left_by_a_short_command() throws IOException {
        writeArchive(360 * 1024);

        assertThat(ClassDataArchive.prepare(archive().toString(), true))
                .isEqualTo(ClassDataArchive.Outcome.TOO_SMALL_DELETED);
        assertThat(archive()).doesNotExist();
    }

    @Test
    void a_full_archive_and_short_commands_leave_the_archive_alone() throws IOException {
        writeArchive(360 * 1024);
        assertThat(ClassDataArchive.prepare(archive().toString(), false))
                .isEqualTo(ClassDataArchive.Outcome.FOLDER_READY);
        assertThat(archive()).exists();

        writeArchive(ClassDataArchive.MIN_USEFUL_BYTES);
        assertThat(ClassDataArchive.prepare(archive().toString(), true))
                .isEqualTo(ClassDataArchive.Outcome.FOLDER_READY);
        assertThat(archive()).exists();
    }

    @Test
    void a_path_that_is_not_an_archive_is_never_deleted() throws IOException {
        Path other = Files.writeString(home.resolve("notes.txt"), "small");

        assertThat(ClassDataArchive.prepare(other.toString(), true)).isEqualTo(ClassDataArchive.Outcome.NONE);
        assertThat(other).exists();
    }

    @Test
    void no_archive_or_an_unexpanded_variable_changes_nothing() {
        assertThat(ClassDataArchive.prepare(null, true)).isEqualTo(ClassDataArchive.Outcome.NONE);
        assertThat(ClassDataArchive.prepare(" ", true)).isEqualTo(ClassDataArchive.Outcome.NONE);
        assertThat(ClassDataArchive.prepare("$HOME/.cache/codexmanager/desktop.jsa", true))
                .isEqualTo(ClassDataArchive.Outcome.NONE);
    }

    @Test
    void a_folder_that_cannot_be_created_is_not_an_error() throws IOException {
        Path file = Files.writeString(home.resolve("not-a-folder"), "x");

        assertThat(ClassDataArchive.prepare(file.resolve("desktop.jsa").toString(), true))
                .isEqualTo(ClassDataArchive.Outcome.NONE);
    }
}
