package com.codexmanager.desktop.theme;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import com.formdev.flatlaf.extras.FlatAnimatedLafChange;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import javax.swing.UnsupportedLookAndFeelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps {@link UiTheme} + {@link Accent} to a FlatLaf look and feel and switches it on the EDT, falling back to
 * FlatLaf Light when a theme cannot be installed. App colours live in per-theme properties next to this class.
 * EDT only.
 */
public final class LafManager {
    private static final Logger log = LoggerFactory.getLogger(LafManager.class);

    private final CompletableFuture<Boolean> systemDark;
    private boolean registered;

    /** @param env the process environment, read for the desktop's dark-mode hints (e.g. {@code GTK_THEME}) */
    public LafManager(Function<String, String> env) {
        this(SystemDarkMode.of(env));
    }

    /** Starts asking the OS at once, off the EDT: the answer may need a process (gsettings, reg, defaults). */
    public LafManager(SystemDarkMode system) {
        this.systemDark = CompletableFuture.supplyAsync(system::prefersDark, work -> {
            Thread probe = new Thread(work, "system-theme-probe");
            probe.setDaemon(true);
            probe.start();
        });
    }

    /** Whether "system" means dark here; asked once per run (the probe started with this manager). */
    public boolean systemPrefersDark() {
        return systemDark.join();
    }

    public boolean dark(UiTheme theme) {
        return theme == UiTheme.DARK || (theme == UiTheme.SYSTEM && systemPrefersDark());
    }

    /**
     * Installs the look; with {@code animate} the change cross-fades. Does nothing when the same look (light or
     * dark, same accent) is already installed. Call on the EDT.
     */
    public void apply(UiTheme theme, Accent accent, boolean animate) {
        if (!SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("LafManager.apply must run on the EDT");
        }
        if (installed(dark(theme), accent)) {
            return;
        }
        if (!registered) {
            FlatLaf.registerCustomDefaultsSource("com.codexmanager.desktop.theme");
            registered = true;
        }
        if (animate) {
            FlatAnimatedLafChange.showSnapshot();
        }
        FlatLaf.setGlobalExtraDefaults(Map.of("@accentColor", accent.hex()));
        FlatLaf laf = dark(theme) ? new FlatDarkLaf() : new FlatLightLaf();
        try {
            UIManager.setLookAndFeel(laf);
        } catch (UnsupportedLookAndFeelException | RuntimeException e) {
            log.warn("Theme {} could not be installed ({}); using FlatLaf Light", theme, e.toString());
            FlatLightLaf.setup();
        }
        FlatLaf.updateUI();
        if (animate) {
            FlatAnimatedLafChange.hideSnapshotWithAnimation();
        }
    }

    /** Whether the JVM-wide look is already FlatLaf with this brightness and accent (whoever installed it). */
    private static boolean installed(boolean dark, Accent accent) {
        Map<String, String> extras = FlatLaf.getGlobalExtraDefaults();
        return UIManager.getLookAndFeel() instanceof FlatLaf current && current.isDark() == dark
                && extras != null && accent.hex().equals(extras.get("@accentColor"));
    }

    /** Whether the installed look is dark (for app-drawn colours). */
    public static boolean isDark() {
        return FlatLaf.isLafDark();
    }
}
