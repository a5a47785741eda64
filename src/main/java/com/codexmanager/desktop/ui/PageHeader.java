package com.codexmanager.desktop.ui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import javax.swing.BoxLayout;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;

/** A page's title, one-line description and action buttons on the right. Single-thread (EDT). */
public final class PageHeader extends JPanel {
    private final JPanel actions = new JPanel(new FlowLayout(FlowLayout.RIGHT, Ui.scale(8), 0));

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
        text.add(Ui.hint(description));
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
}
