package com.codexmanager.desktop.window;

import com.codexmanager.desktop.Page;
import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.ui.Ui;
import com.formdev.flatlaf.extras.FlatSVGIcon;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Image;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.ButtonGroup;
import javax.swing.Icon;
import javax.swing.ImageIcon;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JToggleButton;
import javax.swing.SwingConstants;

/** The left navigation: app name, one button per page, and the live service status at the bottom. EDT only. */
final class Sidebar extends JPanel {
    private final Map<Page, JToggleButton> buttons = new EnumMap<>(Page.class);
    private final Messages messages;
    private final JLabel status = new JLabel();
    private final JLabel address = Ui.hint("");

    Sidebar(Messages messages, Consumer<Page> onSelect) {
        super(new BorderLayout());
        this.messages = messages;
        setName("sidebar");
        setBackground(Ui.color("CodexManager.sidebarBackground"));
        setBorder(Ui.pad(16, 12, 14, 12));
        add(buildBrand(), BorderLayout.NORTH);
        add(buildNavigation(onSelect), BorderLayout.CENTER);
        add(buildStatus(), BorderLayout.SOUTH);
    }

    @Override
    public void updateUI() {
        super.updateUI();
        setBackground(Ui.color("CodexManager.sidebarBackground"));
    }

    private JPanel buildBrand() {
        JPanel brand = new JPanel(new BorderLayout(Ui.scale(10), 0));
        brand.setOpaque(false);
        brand.setBorder(Ui.pad(0, 6, 18, 6));
        List<Image> icons = Ui.appIcons(false);
        Image logo = icons.stream().filter(i -> i.getWidth(null) == 32).findFirst()
                .orElse(icons.isEmpty() ? null : icons.get(icons.size() - 1));
        if (logo != null) {
            brand.add(new JLabel(new ImageIcon(logo.getScaledInstance(Ui.scale(32), Ui.scale(32), Image.SCALE_SMOOTH))),
                    BorderLayout.WEST);
        }
        JPanel names = new JPanel();
        names.setOpaque(false);
        names.setLayout(new BoxLayout(names, BoxLayout.Y_AXIS));
        names.add(Ui.label("CodexManager", "h3"));
        names.add(Ui.label(messages.text("app.tagline"), "small"));
        brand.add(names, BorderLayout.CENTER);
        return brand;
    }

    private JPanel buildNavigation(Consumer<Page> onSelect) {
        JPanel nav = new JPanel();
        nav.setOpaque(false);
        nav.setLayout(new BoxLayout(nav, BoxLayout.Y_AXIS));
        ButtonGroup group = new ButtonGroup();
        for (Page page : Page.values()) {
            JToggleButton button = new JToggleButton(messages.text(page.titleKey()),
                    new FlatSVGIcon(page.iconPath(), 18, 18));
            button.setName("nav." + page.id());
            button.setHorizontalAlignment(SwingConstants.LEADING);
            button.setAlignmentX(Component.LEFT_ALIGNMENT);
            button.setIconTextGap(Ui.scale(10));
            button.setFocusable(false);
            Ui.style(button, "arc: 10; margin: 8,10,8,10; borderWidth: 0; focusWidth: 0; innerFocusWidth: 0;"
                    + "toolbar.selectedBackground: $CodexManager.navSelected;"
                    + "toolbar.hoverBackground: $CodexManager.navHover;"
                    + "selectedForeground: $CodexManager.navSelectedForeground; font: +1");
            button.putClientProperty("JButton.buttonType", "toolBarButton");
            button.setMaximumSize(new java.awt.Dimension(Integer.MAX_VALUE, button.getPreferredSize().height));
            button.addActionListener(e -> onSelect.accept(page));
            group.add(button);
            buttons.put(page, button);
            nav.add(button);
            nav.add(Box.createVerticalStrut(Ui.scale(4)));
        }
        return nav;
    }

    private JPanel buildStatus() {
        JPanel panel = new JPanel();
        panel.setOpaque(false);
        panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
        panel.setBorder(Ui.pad(10, 8, 0, 4));
        status.setName("sidebarStatus");
        status.setIconTextGap(Ui.scale(8));
        address.setName("sidebarAddress");
        status.setAlignmentX(Component.LEFT_ALIGNMENT);
        address.setAlignmentX(Component.LEFT_ALIGNMENT);
        address.setBorder(Ui.pad(2, 18, 0, 0));
        panel.add(status);
        panel.add(address);
        return panel;
    }

    void select(Page page) {
        buttons.get(page).setSelected(true);
    }

    void showStatus(ConnectionStatus connection) {
        String key = switch (connection.state()) {
            case CONNECTED -> "status.running";
            case CONNECTING -> "status.connecting";
            case STARTING -> "status.starting";
            case STOPPED -> "status.stopped";
            case UNREACHABLE -> "status.unreachable";
            case UNAUTHORIZED -> "status.unauthorized";
        };
        status.setText(messages.text(key));
        String colorKey = connection.connected() ? "CodexManager.good"
                : connection.state() == ConnectionStatus.State.CONNECTING
                        || connection.state() == ConnectionStatus.State.STARTING ? "CodexManager.neutral"
                : "CodexManager.bad";
        status.setIcon(new Dot(colorKey));
        address.setText(connection.baseUrl().replace("http://", "")
                + (connection.version().isEmpty() ? "" : "  ·  v" + connection.version()));
    }

    /** A small round status light in a theme colour. */
    private static final class Dot implements Icon {
        private final String colorKey;

        Dot(String colorKey) {
            this.colorKey = colorKey;
        }

        @Override
        public void paintIcon(Component c, Graphics g, int x, int y) {
            Color color = Ui.color(colorKey);
            java.awt.Graphics2D g2 = (java.awt.Graphics2D) g.create();
            g2.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setColor(color);
            int size = getIconWidth();
            g2.fillOval(x, y + (c.getHeight() - size) / 2 - y, size, size);
            g2.dispose();
        }

        @Override
        public int getIconWidth() {
            return Ui.scale(9);
        }

        @Override
        public int getIconHeight() {
            return Ui.scale(9);
        }
    }
}
