package com.codexmanager.desktop;

import static com.codexmanager.desktop.GuiTestSupport.await;
import static com.codexmanager.desktop.GuiTestSupport.onEdt;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.SettingsSnapshot;
import com.codexmanager.desktop.theme.Accent;
import com.codexmanager.desktop.theme.UiTheme;
import com.google.gson.JsonObject;
import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JTable;
import javax.swing.text.JTextComponent;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.AbstractComponentFixture;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JComboBoxFixture;

/**
 * Drives one running desktop's main window the way the GUI tests share: finding components by name, opening pages,
 * picking combo items with retries, putting the window back to a known state (English, light, 1280×800, no dialogs)
 * so that tests of one class never depend on each other. Test thread only; {@link #close()} releases the robot.
 */
final class DesktopDriver implements AutoCloseable {
    /** Screenshot sizes; {@link #WIDE} is wider than the Xvfb screen, so only painted, never clicked. */
    static final java.awt.Dimension WIDE = new java.awt.Dimension(1440, 900);
    static final java.awt.Dimension NARROW = new java.awt.Dimension(1024, 700);
    /** The size tests click in: the app's default window, inside xvfb-run's 1280×1024 screen. */
    static final java.awt.Dimension DEFAULT = new java.awt.Dimension(1280, 800);

    final RunningDesktop desktop;
    final Robot robot;
    final FrameFixture window;

    DesktopDriver(RunningDesktop desktop) {
        this.desktop = desktop;
        this.robot = BasicRobot.robotWithCurrentAwtHierarchy();
        robot.settings().delayBetweenEvents(15);
        robot.settings().eventPostingDelay(30);
        GuiTestSupport.boundPopupWaits(robot);
        this.window = new FrameFixture(robot, frame());
    }

    JFrame frame() {
        return desktop.app().window().frame();
    }

    DesktopContext context() {
        return desktop.app().context();
    }

    /** The component named {@code name} under {@code root}, shown or not. */
    Component named(Container root, String name) {
        return robot.finder().findByName(root, name, false);
    }

    Component named(String name) {
        return named(frame(), name);
    }

    /** Whether a component of that name is showing now (false while a rebuilt window lacks it). */
    boolean showing(String name) {
        return !robot.finder().findAll(frame(), c -> name.equals(c.getName()) && c.isShowing()).isEmpty();
    }

    JTable table(String name) {
        return (JTable) named(name);
    }

    /** Shows {@code page} with a real click on its navigation button, clicking again if a click is lost. */
    void open(Page page) {
        clickUntil(window.toggleButton("nav." + page.id()), () -> desktop.app().window().currentPage() == page);
    }

    void theme(UiTheme theme) {
        onEdt(() -> context().laf().apply(theme, Accent.BLUE, false));
    }

    /** Switches the language the way the settings page does: stored through the service, then applied live. */
    void language(Locale locale) {
        String value = locale.getLanguage().equals("zh") ? "zh-CN" : "en";
        JsonObject saved = rpc().call("appSettings/set", java.util.Map.of("uiLanguage", value));
        onEdt(() -> desktop.app().applySettings(SettingsSnapshot.from(saved)));
        String dashboard = Messages.of(locale).text("page.dashboard");
        await("language " + value, () -> window.toggleButton("nav.dashboard").target().getText().equals(dashboard));
    }

    void size(java.awt.Dimension size) {
        onEdt(() -> frame().setSize(size));
        robot.waitForIdle();
    }

    com.codexmanager.testkit.RpcTestClient rpc() {
        return com.codexmanager.testkit.RpcTestClient.of(desktop.service().endpoint().baseUrl(),
                desktop.service().endpoint().token());
    }

    /**
     * The showing dialog named {@code name}, once its window has the focus: typing into a dialog whose window is
     * not active yet fails ("focus change ... failed", seen under Xvfb). A dialog that never takes the focus is
     * returned after the wait, as before.
     */
    DialogFixture dialog(String name) {
        DialogFixture dialog = window.dialog(name);
        try {
            await(name + " focused", Duration.ofSeconds(3), () -> dialog.target().isFocused());
        } catch (AssertionError neverFocused) {
            // some dialogs are not focusable windows; the caller's own checks decide
        }
        return dialog;
    }

    /** The showing modal message dialog, if any (a JOptionPane). */
    Optional<JDialog> messageDialog() {
        return onEdt(() -> Arrays.stream(Window.getWindows()).filter(w -> w instanceof JDialog && w.isShowing())
                .map(JDialog.class::cast).filter(d -> !robot.finder().findAll(d,
                        c -> c instanceof javax.swing.JOptionPane).isEmpty()).findFirst());
    }

    /** Closes every dialog and popup, and puts language, theme, size and page back to the defaults. */
    void reset() {
        onEdt(() -> Arrays.stream(Window.getWindows()).filter(w -> w instanceof JDialog && w.isShowing())
                .forEach(Window::dispose));
        onEdt(() -> javax.swing.MenuSelectionManager.defaultManager().clearSelectedPath());
        if (!window.toggleButton("nav.dashboard").target().getText().equals("Dashboard")) {
            language(Locale.ENGLISH);
        }
        theme(UiTheme.LIGHT);
        if (!onEdt(() -> frame().getSize()).equals(DEFAULT)) {
            size(DEFAULT);
            onEdt(() -> frame().setLocation(0, 0));
        }
        open(Page.DASHBOARD);
    }

    /**
     * Picks a combo item with the real mouse; on a loaded machine a click can miss, so retry. After three misses the
     * item is chosen on the EDT, which fires the same listeners: the test is about what the choice does.
     */
    void select(JComboBoxFixture combo, String item) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (attempt < 3) {
                combo.selectItem(item);
            } else {
                GuiTestSupport.chooseOnEdt(combo.target(), item);
            }
            try {
                await(combo.target().getName() + " = " + item, Duration.ofSeconds(3),
                        () -> String.valueOf(combo.target().getSelectedItem()).equals(item));
                return;
            } catch (AssertionError missed) {
                onEdt(() -> combo.target().hidePopup());
                robot.waitForIdle();
            }
        }
        throw new AssertionError("could not select " + item + " in " + combo.target().getName());
    }

    /**
     * Clicks a button with the real mouse until {@code effect} holds; on a loaded machine a click can miss (seen once
     * in a full-suite run), so retry. After three misses the button is pressed on the EDT, which fires the same
     * listeners: the test is about what the click does.
     */
    void clickUntil(AbstractComponentFixture<?, ? extends AbstractButton, ?> button,
            java.util.function.BooleanSupplier effect) {
        for (int attempt = 0; attempt < 4; attempt++) {
            if (attempt < 3) {
                button.click();
            } else {
                onEdt(() -> button.target().doClick());
            }
            try {
                // the last try waits as long as a single click used to: the EDT may just be slow
                await(button.target().getName() + " clicked", Duration.ofSeconds(attempt < 3 ? 3 : 10), effect);
                return;
            } catch (AssertionError missed) {
                robot.waitForIdle();
            }
        }
        throw new AssertionError("clicking " + button.target().getName() + " had no effect");
    }

    /** Types into a text component on the EDT (for fields whose typing is not what the test is about). */
    static void setText(Component field, String text) {
        onEdt(() -> ((JTextComponent) field).setText(text));
    }

    /** Selects the combo item whose text is {@code item} on the EDT. */
    static void choose(Component combo, String item) {
        GuiTestSupport.chooseOnEdt((JComboBox<?>) combo, item);
    }

    /** The model values of one column of a table. */
    List<String> column(String tableName, int modelColumn) {
        return onEdt(() -> {
            javax.swing.table.TableModel m = table(tableName).getModel();
            List<String> out = new java.util.ArrayList<>();
            for (int r = 0; r < m.getRowCount(); r++) {
                out.add(String.valueOf(m.getValueAt(r, modelColumn)));
            }
            return out;
        });
    }

    /**
     * Pairs of shown text components under {@code root} (labels, buttons, fields, combos) that overlap, and those
     * that reach past {@code root}'s right edge; empty when the layout holds. Components inside one another (a
     * combo's arrow, a field's clear button) do not count.
     */
    List<String> layoutProblems(Container root) {
        return onEdt(() -> {
            List<Component> texts = new java.util.ArrayList<>();
            collectTexts(root, texts);
            java.awt.Rectangle area = new java.awt.Rectangle(root.getLocationOnScreen(), root.getSize());
            List<String> problems = new java.util.ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                Component a = texts.get(i);
                java.awt.Rectangle ra = new java.awt.Rectangle(a.getLocationOnScreen(), a.getSize());
                if (ra.x + ra.width > area.x + area.width + 1) {
                    problems.add(describe(a) + " reaches past the right edge by "
                            + (ra.x + ra.width - area.x - area.width) + " px");
                }
                java.awt.Container viewport = javax.swing.SwingUtilities.getAncestorOfClass(
                        javax.swing.JViewport.class, a);
                if (viewport != null) {
                    int right = viewport.getLocationOnScreen().x + viewport.getWidth();
                    if (ra.x + ra.width > right + 1) {
                        problems.add(describe(a) + " is cut by its scroll view's right edge by "
                                + (ra.x + ra.width - right) + " px");
                    }
                }
                for (int j = i + 1; j < texts.size(); j++) {
                    Component b = texts.get(j);
                    java.awt.Rectangle rb = new java.awt.Rectangle(b.getLocationOnScreen(), b.getSize());
                    if (ra.intersects(rb) && !javax.swing.SwingUtilities.isDescendingFrom(a, b)
                            && !javax.swing.SwingUtilities.isDescendingFrom(b, a)) {
                        problems.add(describe(a) + " overlaps " + describe(b));
                    }
                }
            }
            return problems;
        });
    }

    /**
     * Shown labels under {@code root} that are narrower than their text (Swing cuts it to "…"), and disabled text
     * fields narrower than their value (they cannot be scrolled), that have no tooltip to show the text whole; empty
     * when every cut text can be read. Labels inside tables count as cells, not here.
     */
    List<String> cutTextsWithoutTooltip(Container root) {
        return onEdt(() -> {
            List<Component> texts = new java.util.ArrayList<>();
            collectTexts(root, texts);
            List<String> problems = new java.util.ArrayList<>();
            for (Component c : texts) {
                javax.swing.JComponent text = (javax.swing.JComponent) c;
                int needed = neededWidth(c);
                if (text.getWidth() < needed && (text.getToolTipText() == null || text.getToolTipText().isBlank())) {
                    problems.add(describe(c) + " is cut to " + text.getWidth() + " of " + needed
                            + " px without a tooltip");
                }
            }
            return problems;
        });
    }

    /** The width a label or a disabled field needs to show its whole text; 0 for other components. */
    private static int neededWidth(Component c) {
        if (c instanceof javax.swing.JLabel label && label.getText() != null && !label.getText().isBlank()) {
            return label.getPreferredSize().width;
        }
        if (c instanceof javax.swing.JTextField field && !field.isEnabled() && !field.getText().isEmpty()) {
            java.awt.Insets insets = field.getInsets();
            return field.getFontMetrics(field.getFont()).stringWidth(field.getText()) + insets.left + insets.right;
        }
        return 0;
    }

    private static void collectTexts(Container container, List<Component> out) {
        for (Component c : container.getComponents()) {
            if (!c.isShowing() || c.getWidth() == 0 || c.getHeight() == 0) {
                continue;
            }
            if (c instanceof javax.swing.JLabel || c instanceof javax.swing.AbstractButton
                    || c instanceof javax.swing.JTextField || c instanceof javax.swing.JComboBox) {
                out.add(c);
            }
            if (c instanceof Container nested && !(c instanceof javax.swing.JComboBox)
                    && !(c instanceof javax.swing.JTable) && !(c instanceof javax.swing.table.JTableHeader)) {
                collectTexts(nested, out);
            }
        }
    }

    private static String describe(Component c) {
        String text = c instanceof javax.swing.JLabel l ? l.getText()
                : c instanceof javax.swing.AbstractButton b ? b.getText() : "";
        return c.getClass().getSimpleName() + "[" + c.getName() + (text == null || text.isEmpty() ? ""
                : ", \"" + text + "\"") + "]";
    }

    @Override
    public void close() {
        robot.cleanUpWithoutDisposingWindows();
    }
}
