package com.codexmanager.desktop.ui;

import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.extras.FlatSVGIcon;
import com.formdev.flatlaf.util.UIScale;
import java.awt.Color;
import java.awt.Image;
import java.awt.Toolkit;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.UIManager;
import javax.swing.border.Border;

/** Small helpers shared by panels: scaled borders, style classes, icons and app colours. Stateless. */
public final class Ui {
    private Ui() {
    }

    /** An empty border of {@code top/left/bottom/right} pixels at 100 % scale. */
    public static Border pad(int top, int left, int bottom, int right) {
        return BorderFactory.createEmptyBorder(UIScale.scale(top), UIScale.scale(left), UIScale.scale(bottom),
                UIScale.scale(right));
    }

    public static int scale(int px) {
        return UIScale.scale(px);
    }

    public static <T extends JComponent> T styled(T component, String styleClass) {
        component.putClientProperty(FlatClientProperties.STYLE_CLASS, styleClass);
        return component;
    }

    public static <T extends JComponent> T style(T component, String style) {
        component.putClientProperty(FlatClientProperties.STYLE, style);
        return component;
    }

    public static JLabel label(String text, String styleClass) {
        return styled(new JLabel(text), styleClass);
    }

    /** A secondary-text label (hints, captions). */
    public static JLabel hint(String text) {
        return secondary(new JLabel(text));
    }

    /** Gives {@code label} the secondary text colour of hints and captions. */
    public static <T extends JLabel> T secondary(T label) {
        label.putClientProperty(FlatClientProperties.STYLE, "foreground: $Label.disabledForeground");
        return label;
    }

    /** A 16 px line icon from {@code com/codexmanager/desktop/icons/NAME.svg}, recoloured for dark themes. */
    public static FlatSVGIcon icon(String name) {
        return new FlatSVGIcon("com/codexmanager/desktop/icons/" + name + ".svg", 16, 16);
    }

    public static FlatSVGIcon icon(String name, int size) {
        return new FlatSVGIcon("com/codexmanager/desktop/icons/" + name + ".svg", size, size);
    }

    /** An app colour from the theme properties, e.g. {@code CodexManager.cardBackground}. */
    public static Color color(String key) {
        Color c = UIManager.getColor(key);
        return c != null ? c : UIManager.getColor("Panel.background");
    }

    /** The app icon at every size shipped in {@code icons/} (for window and taskbar). */
    public static List<Image> appIcons(boolean stopped) {
        List<Image> images = new ArrayList<>();
        for (int size : new int[] {16, 20, 24, 32, 48, 64, 128, 256}) {
            URL url = Ui.class.getResource("/icons/" + iconName(size, stopped));
            if (url != null) {
                images.add(Toolkit.getDefaultToolkit().getImage(url));
            }
        }
        return images;
    }

    public static String iconName(int size, boolean stopped) {
        return "codexmanager" + (stopped ? "-stopped" : "") + "-" + size + ".png";
    }
}
