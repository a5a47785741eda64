package com.codexmanager.desktop.ui;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.JLabel;
import javax.swing.SwingConstants;

/** A small rounded "pill" label in one of the theme's badge tones. Single-thread (EDT). */
public final class Badge extends JLabel {
    /** Colour families from the theme properties ({@code CodexManager.badge.<tone>.*}). */
    public enum Tone { GOOD, WARN, BAD, NEUTRAL }

    private Tone tone = Tone.NEUTRAL;

    public Badge() {
        setHorizontalAlignment(SwingConstants.CENTER);
        setBorder(Ui.pad(2, 9, 2, 9));
        Ui.styled(this, "small");
    }

    public void show(String text, Tone newTone) {
        setText(text);
        tone = newTone;
        setForeground(Ui.color(key("foreground")));
    }

    private String key(String part) {
        return "CodexManager.badge." + tone.name().toLowerCase(java.util.Locale.ROOT) + "." + part;
    }

    @Override
    public Dimension getMaximumSize() {
        return getPreferredSize();
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Dimension size = getPreferredSize();
            int w = Math.min(size.width, getWidth());
            int h = Math.min(size.height, getHeight());
            int x = 0;
            int y = (getHeight() - h) / 2;
            g2.setColor(Ui.color(key("background")));
            g2.fillRoundRect(x, y, w, h, h, h);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_LCD_HRGB);
            g2.setColor(Ui.color(key("foreground")));
            g2.setFont(getFont());
            java.awt.FontMetrics fm = g2.getFontMetrics();
            g2.drawString(getText(), x + getInsets().left, y + (h - fm.getHeight()) / 2 + fm.getAscent());
        } finally {
            g2.dispose();
        }
    }
}
