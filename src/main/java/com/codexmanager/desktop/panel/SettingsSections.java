package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.ui.Card;
import com.codexmanager.desktop.ui.Ui;
import com.codexmanager.desktop.ui.WrapLayout;
import com.formdev.flatlaf.FlatClientProperties;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSeparator;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.ScrollPaneConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The settings page's body: Basic / Advanced, a search field over labels, help texts, keys and variable names (it
 * searches both levels), one link per section that scrolls to it, and a card per section with the rows that are
 * shown. The rows keep their editors; only where they are shown changes. EDT only.
 */
final class SettingsSections extends JPanel {
    private final Messages messages;
    private final List<SettingRow> rows = new ArrayList<>();
    private final JToggleButton basic;
    private final JToggleButton advanced;
    private final JTextField search = new JTextField(18);
    private final JPanel links = new JPanel(new WrapLayout(FlowLayout.LEFT, Ui.scale(4), Ui.scale(2)));
    private final JPanel stack = new JPanel();
    private final JScrollPane scroll;
    private final JLabel empty;
    private final Map<String, Card> cards = new LinkedHashMap<>();

    SettingsSections(Messages messages) {
        super(new BorderLayout(0, Ui.scale(8)));
        this.messages = messages;
        setOpaque(false);
        basic = levelButton("settings.level.basic", true);
        advanced = levelButton("settings.level.advanced", false);
        ButtonGroup levels = new ButtonGroup();
        levels.add(basic);
        levels.add(advanced);
        search.setName("settings-search");
        search.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, messages.text("settings.searchHint"));
        search.putClientProperty(FlatClientProperties.TEXT_FIELD_LEADING_ICON, Ui.icon("search"));
        search.putClientProperty(FlatClientProperties.TEXT_FIELD_SHOW_CLEAR_BUTTON, true);
        search.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                refresh();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                refresh();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                refresh();
            }
        });
        JPanel levelSwitch = new JPanel(new java.awt.GridLayout(1, 2));
        levelSwitch.setOpaque(false);
        levelSwitch.add(basic);
        levelSwitch.add(advanced);
        JPanel bar = new JPanel(new BorderLayout(Ui.scale(12), 0));
        bar.setOpaque(false);
        bar.add(levelSwitch, BorderLayout.WEST);
        JPanel searchLine = new JPanel(new FlowLayout(FlowLayout.RIGHT, 0, 0));
        searchLine.setOpaque(false);
        searchLine.add(search);
        bar.add(searchLine, BorderLayout.CENTER);
        links.setName("settings-sections");
        links.setOpaque(false);
        JPanel top = new JPanel(new BorderLayout(0, Ui.scale(6)));
        top.setOpaque(false);
        top.add(bar, BorderLayout.NORTH);
        top.add(links, BorderLayout.CENTER);
        add(top, BorderLayout.NORTH);
        stack.setOpaque(false);
        stack.setLayout(new BoxLayout(stack, BoxLayout.Y_AXIS));
        scroll = new JScrollPane(stack);
        scroll.setName("settingsScroll");
        scroll.setBorder(javax.swing.BorderFactory.createEmptyBorder());
        scroll.setOpaque(false);
        scroll.getViewport().setOpaque(false);
        scroll.setHorizontalScrollBarPolicy(ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
        scroll.getVerticalScrollBar().setUnitIncrement(Ui.scale(24));
        add(scroll, BorderLayout.CENTER);
        empty = Ui.hint(messages.text("settings.noMatch"));
        empty.setName("settings-noMatch");
    }

    private JToggleButton levelButton(String key, boolean selected) {
        JToggleButton button = new JToggleButton(messages.text(key), selected);
        button.setName(key);
        Ui.style(button, "selectedBackground: $CodexManager.navSelected; selectedForeground: "
                + "$CodexManager.navSelectedForeground");
        button.addActionListener(e -> refresh());
        return button;
    }

    /** Shows these rows (in this order), filtered by the level and the search. */
    void setRows(List<SettingRow> newRows) {
        rows.clear();
        rows.addAll(newRows);
        refresh();
    }

    /** Shows the rows of the chosen level, or every row the search matches; one card per section. */
    void refresh() {
        String query = search.getText().trim();
        boolean searching = !query.isEmpty();
        basic.setEnabled(!searching);
        advanced.setEnabled(!searching);
        Map<String, List<SettingRow>> groups = new LinkedHashMap<>();
        SettingTexts.GROUP_ORDER.forEach(g -> groups.put(g, new ArrayList<>()));
        for (SettingRow row : rows) {
            boolean shown = searching ? row.matches(query) : row.basic() == basic.isSelected();
            if (shown) {
                groups.computeIfAbsent(row.group(), g -> new ArrayList<>()).add(row);
            }
        }
        stack.removeAll();
        links.removeAll();
        cards.clear();
        groups.forEach((group, shownRows) -> {
            if (!shownRows.isEmpty()) {
                Card card = buildCard(group, shownRows);
                cards.put(group, card);
                stack.add(card);
                stack.add(Box.createVerticalStrut(Ui.scale(14)));
                links.add(link(group));
            }
        });
        if (cards.isEmpty()) {
            stack.add(empty);
        }
        stack.revalidate();
        stack.repaint();
        links.revalidate();
        links.repaint();
        scroll.getViewport().setViewPosition(new Point(0, 0));
    }

    private JButton link(String group) {
        JButton link = new JButton(SettingTexts.group(messages, group));
        link.setName("settingsLink." + group);
        link.putClientProperty(FlatClientProperties.BUTTON_TYPE, FlatClientProperties.BUTTON_TYPE_TOOLBAR_BUTTON);
        Ui.style(link, "foreground: $Component.accentColor");
        link.addActionListener(e -> scrollTo(group));
        return link;
    }

    /** Scrolls so that the section's card starts at the top of the view (as far as the content allows). */
    void scrollTo(String group) {
        Card card = cards.get(group);
        if (card == null) {
            return;
        }
        stack.validate();
        int max = Math.max(0, stack.getHeight() - scroll.getViewport().getHeight());
        scroll.getViewport().setViewPosition(new Point(0, Math.min(card.getY(), max)));
    }

    private Card buildCard(String group, List<SettingRow> shownRows) {
        JPanel grid = new JPanel(new GridBagLayout());
        grid.setOpaque(false);
        GridBagConstraints c = new GridBagConstraints();
        c.gridy = 0;
        c.gridx = 0;
        c.gridwidth = 2;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(0, 0, Ui.scale(10), 0);
        grid.add(Ui.label(SettingTexts.group(messages, group), "h3"), c);
        c.gridwidth = 1;
        for (int i = 0; i < shownRows.size(); i++) {
            SettingRow row = shownRows.get(i);
            if (i > 0) {
                c.gridy++;
                c.gridx = 0;
                c.gridwidth = 2;
                c.fill = GridBagConstraints.HORIZONTAL;
                c.insets = new Insets(Ui.scale(8), 0, Ui.scale(8), 0);
                grid.add(new JSeparator(), c);
                c.gridwidth = 1;
                c.fill = GridBagConstraints.NONE;
            }
            c.gridy++;
            c.gridx = 0;
            c.weightx = 1;
            c.anchor = GridBagConstraints.NORTHWEST;
            c.insets = new Insets(0, 0, 0, Ui.scale(24));
            grid.add(row.left(), c);
            c.gridx = 1;
            c.weightx = 0;
            c.insets = new Insets(0, 0, 0, 0);
            grid.add(row.right(), c);
        }
        Card card = new Card(grid);
        card.setName("settingsGroup." + group);
        card.setAlignmentX(Component.LEFT_ALIGNMENT);
        return card;
    }

    /** The scroll pane of the sections (tests scroll it). */
    JScrollPane scroll() {
        return scroll;
    }

    JComponent searchField() {
        return search;
    }
}
