package com.codexmanager.desktop.ui;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.JComponent;

/**
 * A thin "remaining" bar with a caption above it, e.g. "5h · 65% left · resets 14:05". Green while plenty is left,
 * amber under 30 %, red under 10 %; grey track when unknown. A caption wider than the bar ends in "…" and the whole
 * caption becomes the tooltip. Single-thread (EDT).
 */
public final class UsageBar extends JComponent {
    private Double remainingPercent;
    private String caption = "";

    public UsageBar() {
        Ui.styled(this, "small");
        setFont(javax.swing.UIManager.getFont("Label.font"));
        javax.swing.ToolTipManager.sharedInstance().registerComponent(this);
    }

    /** @param remaining 0–100, or {@code null} when unknown */
    public void show(Double remaining, String text) {
        this.remainingPercent = remaining;
        this.caption = text;
        repaint();
    }

    @Override
    public String getToolTipText(java.awt.event.MouseEvent event) {
        return truncatedCaption();
    }

    /** The whole caption when the current width cuts it, else {@code null}. */
    public String truncatedCaption() {
        return getFontMetrics(getFont()).stringWidth(caption) > availableWidth() ? caption : null;
    }

    private int availableWidth() {
        return getWidth() - Ui.scale(2);
    }

    /** {@code text} cut to {@code width} with a trailing "…". */
    static String fit(String text, java.awt.FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String ellipsis = "…";
        int end = text.length();
        while (end > 0 && metrics.stringWidth(text.substring(0, end) + ellipsis) > width) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + ellipsis;
    }

    @Override
    public void updateUI() {
        super.updateUI();
        setFont(javax.swing.UIManager.getFont("Label.font").deriveFont(
                javax.swing.UIManager.getFont("Label.font").getSize2D() - 1f));
    }

    @Override
    public Dimension getPreferredSize() {
        int h = getFontMetrics(getFont()).getHeight() + Ui.scale(9);
        return new Dimension(Ui.scale(150), h);
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_LCD_HRGB);
            g2.setFont(getFont());
            int textHeight = g2.getFontMetrics().getHeight();
            g2.setColor(getForeground());
            g2.drawString(fit(caption, g2.getFontMetrics(), availableWidth()), 0, g2.getFontMetrics().getAscent());
            int barY = textHeight + Ui.scale(2);
            int barH = Ui.scale(5);
            int width = availableWidth();
            g2.setColor(Ui.color("CodexManager.usage.track"));
            g2.fillRoundRect(0, barY, width, barH, barH, barH);
            if (remainingPercent != null) {
                double r = Math.max(0, Math.min(100, remainingPercent));
                Color fill = Ui.color(r < 10 ? "CodexManager.bad" : r < 30 ? "CodexManager.warn" : "CodexManager.good");
                g2.setColor(fill);
                g2.fillRoundRect(0, barY, (int) Math.round(width * r / 100.0), barH, barH, barH);
            }
        } finally {
            g2.dispose();
        }
    }
}
