package com.codexmanager.desktop.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.util.List;
import javax.swing.JComponent;

/**
 * Requests (bars) and tokens (line, own scale) per time bucket, drawn with Java2D: no chart library. Colours come
 * from the theme. EDT only.
 */
public final class BarChart extends JComponent {
    /** One bucket: its axis label and the two series values. Immutable. */
    public record Point(String label, long requests, long tokens) {
    }

    private List<Point> points = List.of();
    private String emptyText = "";
    private String legendRequests = "";
    private String legendTokens = "";

    public void setLegend(String requests, String tokens) {
        this.legendRequests = requests;
        this.legendTokens = tokens;
    }

    public void show(List<Point> newPoints, String whenEmpty) {
        points = List.copyOf(newPoints);
        emptyText = whenEmpty;
        repaint();
    }

    @Override
    public Dimension getPreferredSize() {
        return new Dimension(Ui.scale(480), Ui.scale(210));
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_LCD_HRGB);
            g2.setFont(getFont() != null ? getFont() : javax.swing.UIManager.getFont("Label.font"));
            FontMetrics fm = g2.getFontMetrics();
            int left = Ui.scale(8);
            int top = fm.getHeight() + Ui.scale(8);
            int bottom = fm.getHeight() + Ui.scale(6);
            int w = getWidth() - left * 2;
            int h = getHeight() - top - bottom;
            paintLegend(g2, fm, left);
            Color grid = Ui.color("CodexManager.chart.grid");
            g2.setColor(grid);
            for (int i = 0; i <= 4; i++) {
                int y = top + h * i / 4;
                g2.drawLine(left, y, left + w, y);
            }
            long maxRequests = points.stream().mapToLong(Point::requests).max().orElse(0);
            long maxTokens = points.stream().mapToLong(Point::tokens).max().orElse(0);
            if (points.isEmpty() || maxRequests == 0 && maxTokens == 0) {
                g2.setColor(javax.swing.UIManager.getColor("Label.disabledForeground"));
                g2.drawString(emptyText, left + (w - fm.stringWidth(emptyText)) / 2, top + h / 2);
                return;
            }
            double slot = (double) w / points.size();
            double bar = Math.max(2, slot * 0.62);
            Color requests = Ui.color("CodexManager.chart.requests");
            g2.setColor(requests);
            Path2D.Double line = new Path2D.Double();
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                double x = left + slot * i + (slot - bar) / 2;
                double bh = maxRequests == 0 ? 0 : (double) h * p.requests() / maxRequests;
                g2.fill(new java.awt.geom.RoundRectangle2D.Double(x, top + h - bh, bar, bh, Ui.scale(3),
                        Ui.scale(3)));
                double cx = left + slot * i + slot / 2;
                double cy = top + h - (maxTokens == 0 ? 0 : (double) h * p.tokens() / maxTokens);
                if (i == 0) {
                    line.moveTo(cx, cy);
                } else {
                    line.lineTo(cx, cy);
                }
            }
            g2.setColor(Ui.color("CodexManager.chart.tokens"));
            g2.setStroke(new BasicStroke(Ui.scale(2), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g2.draw(line);
            g2.setColor(javax.swing.UIManager.getColor("Label.disabledForeground"));
            int step = Math.max(1, (int) Math.ceil(points.size() / 8.0));
            for (int i = 0; i < points.size(); i += step) {
                String label = points.get(i).label();
                int x = (int) (left + slot * i + slot / 2 - fm.stringWidth(label) / 2.0);
                g2.drawString(label, x, getHeight() - Ui.scale(4));
            }
        } finally {
            g2.dispose();
        }
    }

    private void paintLegend(Graphics2D g2, FontMetrics fm, int left) {
        int y = fm.getAscent();
        int box = Ui.scale(10);
        g2.setColor(Ui.color("CodexManager.chart.requests"));
        g2.fillRoundRect(left, y - box + Ui.scale(1), box, box, Ui.scale(3), Ui.scale(3));
        g2.setColor(getForeground());
        g2.drawString(legendRequests, left + box + Ui.scale(6), y);
        int x2 = left + box + Ui.scale(20) + fm.stringWidth(legendRequests);
        g2.setColor(Ui.color("CodexManager.chart.tokens"));
        g2.fillRoundRect(x2, y - box + Ui.scale(1), box, box, Ui.scale(3), Ui.scale(3));
        g2.setColor(getForeground());
        g2.drawString(legendTokens, x2 + box + Ui.scale(6), y);
    }
}
