package com.codexmanager.desktop.autostart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** {@code <Startup folder>\CodexManager.cmd}, which starts the desktop without waiting for it. Immutable. */
public final class WindowsAutostart implements AutostartEntry {
    private final Path file;
    private final LaunchCommand command;

    public WindowsAutostart(Path startupDir, LaunchCommand command) {
        this.file = startupDir.resolve("CodexManager.cmd");
        this.command = command;
    }

    @Override
    public void install() throws IOException {
        String args = command.argv().stream().map(a -> "\"" + a.replace("%", "%%") + "\"")
                .collect(Collectors.joining(" "));
        // start's first quoted argument is the window title, hence the empty "".
        EntryFiles.write(file, "@echo off\r\nstart \"\" " + args + "\r\n");
    }

    @Override
    public void remove() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public boolean isInstalled() {
        return Files.isRegularFile(file);
    }

    @Override
    public Path file() {
        return file;
    }
}
