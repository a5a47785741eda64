package com.codexmanager.desktop.theme;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import com.formdev.flatlaf.extras.FlatAnimatedLafChange;
import java.util.Locale;
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

    private final Function<String, String> env;
    private boolean registered;

    /** @param env the process environment, read for the desktop's dark-mode hint ({@code GTK_THEME}) */
    public LafManager(Function<String, String> env) {
        this.env = env;
    }

    /** Whether "system" means dark here: GTK's theme name on Linux; light elsewhere until FlatLaf can tell. */
    public boolean systemPrefersDark() {
        String gtk = env.apply("GTK_THEME");
        return gtk != null && gtk.toLowerCase(Locale.ROOT).contains("dark");
    }

    public boolean dark(UiTheme theme) {
        return theme == UiTheme.DARK || (theme == UiTheme.SYSTEM && systemPrefersDark());
    }

    /** Installs the look; with {@code animate} the change cross-fades. Call on the EDT. */
    public void apply(UiTheme theme, Accent accent, boolean animate) {
        if (!SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("LafManager.apply must run on the EDT");
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

    /** Whether the installed look is dark (for app-drawn colours). */
    public static boolean isDark() {
        return FlatLaf.isLafDark();
    }
}
