package com.codexmanager.desktop.autostart;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The entry when the launch command is unknown (run from classes, not a jar or an installed launcher): removing
 * still works, installing fails with a message the settings page shows. Immutable.
 */
public final class UnavailableAutostart implements AutostartEntry {
    private final AutostartEntry located;

    /** @param located an entry at the right path, used only to remove or inspect it */
    public UnavailableAutostart(AutostartEntry located) {
        this.located = located;
    }

    @Override
    public void install() throws IOException {
        throw new IOException("the desktop was not started from a jar or an installed launcher");
    }

    @Override
    public void remove() throws IOException {
        located.remove();
    }

    @Override
    public boolean isInstalled() {
        return located.isInstalled();
    }

    @Override
    public Path file() {
        return located.file();
    }
}
