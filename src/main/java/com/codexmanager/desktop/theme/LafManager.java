package com.codexmanager.desktop.theme;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import com.formdev.flatlaf.extras.FlatAnimatedLafChange;
import java.util.Map;
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

    private final SystemDarkMode system;
    private Boolean systemDark;
    private boolean registered;
    private String installed;

    /** @param env the process environment, read for the desktop's dark-mode hints (e.g. {@code GTK_THEME}) */
    public LafManager(Function<String, String> env) {
        this(SystemDarkMode.of(env));
    }

    public LafManager(SystemDarkMode system) {
        this.system = system;
    }

    /** Whether "system" means dark here; asked once per run, as the OS answer may need a process. */
    public boolean systemPrefersDark() {
        if (systemDark == null) {
            systemDark = system.prefersDark();
        }
        return systemDark;
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
        String look = (dark(theme) ? "dark/" : "light/") + accent.hex();
        if (look.equals(installed) && UIManager.getLookAndFeel() instanceof FlatLaf) {
            return;
        }
        installed = look;
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
            installed = "light/" + accent.hex();
        }
        FlatLaf.updateUI();
        if (animate) {
            FlatAnimatedLafChange.hideSnapshotWithAnimation();
        }
    }

    /** Whether the installed look is dark (for app-drawn colours). */
    public static boolean isDark() {
        return FlatLaf.isLafDark();
    }
}
