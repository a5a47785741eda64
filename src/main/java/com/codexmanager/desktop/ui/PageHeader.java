package com.codexmanager.desktop.ui;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Container;
import java.awt.FlowLayout;
import java.util.ArrayList;
import java.util.List;
import javax.swing.AbstractButton;
import javax.swing.BoxLayout;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * A page's title, one-line description and action buttons on the right. When the page is too narrow for the
 * buttons with their words next to the whole description, the buttons with an icon show only the icon (the words
 * become their tooltip), and get their words back when there is room. Single-thread (EDT).
 */
public final class PageHeader extends JPanel {
    private static final String WORDS = "PageHeader.words";

    private final JPanel actions = new JPanel(new FlowLayout(FlowLayout.RIGHT, Ui.scale(8), 0));
    private final JLabel description;
    private int expandedWidth;
    private boolean collapsed;

    public PageHeader(String title, String description) {
        super(new BorderLayout(Ui.scale(16), 0));
        setOpaque(false);
        setBorder(Ui.pad(0, 0, 14, 0));
        JPanel text = new JPanel();
        text.setOpaque(false);
        text.setLayout(new BoxLayout(text, BoxLayout.Y_AXIS));
        JLabel titleLabel = Ui.label(title, "h2");
        titleLabel.setName("pageTitle");
        text.add(titleLabel);
        text.add(javax.swing.Box.createVerticalStrut(Ui.scale(4)));
        this.description = Ui.hint(description);
        this.description.setName("pageDescription");
        text.add(this.description);
        actions.setOpaque(false);
        add(text, BorderLayout.CENTER);
        add(actions, BorderLayout.EAST);
    }

    /** Enables or disables every action button (e.g. while the service lacks the page's methods). */
    public void setActionsEnabled(boolean enabled) {
        for (java.awt.Component c : actions.getComponents()) {
            c.setEnabled(enabled);
        }
    }

    public PageHeader action(JComponent component) {
        actions.add(component);
        return this;
    }

    /** Whether the action buttons show only their icons now. */
    public boolean collapsed() {
        return collapsed;
    }

    @Override
    public void doLayout() {
        if (!collapsed) {
            expandedWidth = actions.getPreferredSize().width;
        }
        int needed = expandedWidth + Ui.scale(16) + description.getPreferredSize().width;
        boolean collapse = getWidth() > 0 && needed > getWidth() - getInsets().left - getInsets().right;
        if (collapse != collapsed) {
            collapsed = collapse;
            buttons(actions).forEach(b -> showWords(b, !collapse));
        }
        super.doLayout();
    }

    private static void showWords(AbstractButton button, boolean words) {
        if (words) {
            Object text = button.getClientProperty(WORDS);
            if (text != null) {
                button.setText((String) text);
                button.setToolTipText(null);
                button.putClientProperty(WORDS, null);
            }
        } else if (button.getIcon() != null && button.getText() != null && !button.getText().isEmpty()) {
            button.putClientProperty(WORDS, button.getText());
            button.setToolTipText(button.getText());
            button.setText("");
        }
    }

    private static List<AbstractButton> buttons(Container container) {
        List<AbstractButton> out = new ArrayList<>();
        for (Component c : container.getComponents()) {
            if (c instanceof AbstractButton b) {
                out.add(b);
            } else if (c instanceof Container nested) {
                out.addAll(buttons(nested));
            }
        }
        return out;
    }
}
