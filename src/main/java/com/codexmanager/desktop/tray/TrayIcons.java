package com.codexmanager.desktop.tray;

import com.codexmanager.desktop.ui.Ui;
import java.awt.Dimension;
import java.awt.Image;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Picks the shipped tray PNG ({@code icons/codexmanager[-stopped]-N.png}) that fits the tray slot. Stateless. */
public final class TrayIcons {
    static final int[] SIZES = {16, 20, 24, 32, 48, 64, 128, 256, 512};

    private TrayIcons() {
    }

    /** The smallest shipped size at least as big as the slot, so the tray only ever scales down. */
    static int bestSize(Dimension slot) {
        int wanted = Math.max(slot.width, slot.height);
        for (int size : SIZES) {
            if (size >= wanted) {
                return size;
            }
        }
        return SIZES[SIZES.length - 1];
    }

    public static Image load(Dimension slot, boolean stopped) {
        String name = "/icons/" + Ui.iconName(bestSize(slot), stopped);
        try (InputStream in = TrayIcons.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("tray icon missing from the build: " + name);
            }
            Image image = ImageIO.read(in);
            return image.getWidth(null) == slot.width ? image
                    : image.getScaledInstance(slot.width, slot.height, Image.SCALE_SMOOTH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
