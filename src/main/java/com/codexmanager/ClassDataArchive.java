package com.codexmanager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Looks after the class-data archive that the packaged app's JVM creates by itself (JDK 25 runtime:
 * {@code -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=…} in the launcher's .cfg, the path repeated in the
 * {@value #PROPERTY} property). The JVM writes the archive when a run without one exits and maps it on later
 * starts, which cuts the time to the first window by about a third. Two things it does not do are done here: it
 * does not create the archive's folder, and it keeps an archive written by a short command such as
 * {@code --version}, which holds too few classes to help; such an archive is deleted when a long-running mode
 * starts, so the next start records a full one. Any failure only means a start without the archive. Stateless.
 */
final class ClassDataArchive {
    static final String PROPERTY = "codexmanager.cdsArchive";
    /** Archives of real desktop or service runs hold 30–50 MiB; a --version run writes well under 1 MiB. */
    static final long MIN_USEFUL_BYTES = 4L << 20;

    private ClassDataArchive() {
    }

    /** What {@link #prepare} did. Only {@code .jsa} paths are touched: the property could be set from outside. */
    enum Outcome { NONE, FOLDER_READY, TOO_SMALL_DELETED }

    /**
     * Creates the archive's folder, and when {@code longRunning} drops an archive too small to help.
     *
     * @param archive the archive path from {@value #PROPERTY}, or {@code null} when the launcher names none
     */
    static Outcome prepare(String archive, boolean longRunning) {
        // an unexpanded "$HOME/…" means a launcher that does not expand variables: leave it alone
        if (archive == null || archive.isBlank() || archive.contains("$") || !archive.endsWith(".jsa")) {
            return Outcome.NONE;
        }
        try {
            Path file = Path.of(archive).toAbsolutePath();
            if (file.getParent() == null) {
                return Outcome.NONE;
            }
            Files.createDirectories(file.getParent());
            if (longRunning && Files.isRegularFile(file) && Files.size(file) < MIN_USEFUL_BYTES) {
                Files.delete(file);
                return Outcome.TOO_SMALL_DELETED;
            }
            return Outcome.FOLDER_READY;
        } catch (IOException | InvalidPathException | SecurityException e) {
            return Outcome.NONE;
        }
    }
}
