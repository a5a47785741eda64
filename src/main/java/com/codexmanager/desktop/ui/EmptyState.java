package com.codexmanager.desktop.ui;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;

/**
 * A centred icon, title and explanation, for pages that have nothing to show yet, or whose RPC methods the service
 * does not offer. Single-thread (EDT).
 */
public final class EmptyState extends JPanel {
    public EmptyState(String icon, String title, String text, JComponent... actions) {
        super(new GridBagLayout());
        setOpaque(false);
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.gridy = 0;
        c.insets = new java.awt.Insets(Ui.scale(6), 0, Ui.scale(6), 0);
        add(new JLabel(Ui.icon(icon, 48)), c);
        c.gridy++;
        JLabel titleLabel = Ui.label(title, "h3");
        titleLabel.setName("emptyStateTitle");
        add(titleLabel, c);
        c.gridy++;
        JLabel body = Ui.hint("<html><div style='text-align:center;width:" + Ui.scale(360) + "px'>"
                + escape(text) + "</div></html>");
        body.setHorizontalAlignment(SwingConstants.CENTER);
        add(body, c);
        for (JComponent action : actions) {
            c.gridy++;
            add(action, c);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
