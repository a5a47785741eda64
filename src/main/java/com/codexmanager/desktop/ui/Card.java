package com.codexmanager.desktop.ui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.JComponent;
import javax.swing.JPanel;

/** A rounded panel with the theme's card background and a hairline border. Single-thread (EDT). */
public final class Card extends JPanel {
    public Card(JComponent content) {
        super(new BorderLayout());
        setOpaque(false);
        setBorder(Ui.pad(14, 16, 14, 16));
        add(content, BorderLayout.CENTER);
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int arc = Ui.scale(12);
            g2.setColor(Ui.color("CodexManager.cardBackground"));
            g2.fillRoundRect(0, 0, getWidth() - 1, getHeight() - 1, arc, arc);
            Color border = Ui.color("CodexManager.cardBorderColor");
            g2.setColor(border);
            g2.drawRoundRect(0, 0, getWidth() - 1, getHeight() - 1, arc, arc);
        } finally {
            g2.dispose();
        }
        super.paintComponent(g);
    }
}
