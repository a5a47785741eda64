package com.codexmanager.desktop.tray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes the app icons into a folder ({@code icons/} at the repository top): {@code codexmanager-N.png} and
 * {@code codexmanager-stopped-N.png} for every tray and window size. Run by {@code scripts/generate-icons.sh}.
 */
public final class AppIconGenerator {
    private AppIconGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "icons");
        Files.createDirectories(dir);
        for (int size : TrayIcons.SIZES) {
            for (boolean stopped : new boolean[] {false, true}) {
                Path file = dir.resolve("codexmanager" + (stopped ? "-stopped" : "") + "-" + size + ".png");
                ImageIO.write(AppIconPainter.paint(size, stopped), "png", file.toFile());
            }
        }
    }
}
