package com.codexmanager.desktop;

import com.codexmanager.desktop.theme.Appearance;
import com.codexmanager.desktop.theme.LafManager;
import com.codexmanager.desktop.ui.Ui;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares Swing on the EDT while the embedded service starts on another thread: installs the look the
 * environment asks for, loads FlatLaf's component delegates and the fonts (Latin and CJK) and paints the app
 * icons. Class loading dominates the first window's build time, so doing it alongside the service start is what
 * keeps the first window within its 2-second budget. Failures are only logged: the real build repeats the work.
 */
final class UiWarmup {
    private static final Logger log = LoggerFactory.getLogger(UiWarmup.class);

    private UiWarmup() {
    }

    /** Queues the warm-up on the EDT and returns at once. */
    static void begin(LafManager laf, Appearance guess) {
        SwingUtilities.invokeLater(() -> {
            try {
                JFrame.setDefaultLookAndFeelDecorated(true);
                JDialog.setDefaultLookAndFeelDecorated(true);
                laf.apply(guess.theme(), guess.accent(), false);
                Ui.appIcons(false);
                new JTable(new Object[][] {{"x"}}, new Object[] {"x"}).getPreferredSize();
                new JScrollPane(new JLabel("账号 Accounts")).getPreferredSize();
                new JComboBox<>(new String[] {"x"}).getPreferredSize();
                new JTextField("x").getPreferredSize();
                new JToggleButton("x").getPreferredSize();
            } catch (RuntimeException e) {
                log.debug("UI warm-up failed ({}); the window build does the work", e.toString());
            }
        });
    }
}
