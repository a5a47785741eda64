package com.codexmanager;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The folder of the running executable: the jpackage launcher's folder, else the jar's, else the working dir. */
final class ExecutableDir {
    private ExecutableDir() {
    }

    static Path locate() {
        String appPath = System.getProperty("jpackage.app-path");
        if (appPath != null && !appPath.isBlank()) {
            Path parent = Path.of(appPath).toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        try {
            var source = Main.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path location = Path.of(source.getLocation().toURI());
                return Files.isDirectory(location) ? location : location.getParent();
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
