package com.codexmanager.desktop.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.event.MouseEvent;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.ToolTipManager;
import javax.swing.UIManager;

/**
 * Requests (bars, left axis) and tokens (line, right axis) per time bucket, drawn with Java2D: no chart library.
 * Both axes have round tick labels; hovering a bucket shows its values. Colours come from the theme. EDT only.
 */
public final class BarChart extends JComponent {
    /**
     * One bucket: its axis label, the heading of its tooltip (e.g. "15:00 – 16:00") and the two series values.
     * Immutable.
     */
    public record Point(String label, String title, long requests, long tokens) {
    }

    private List<Point> points = List.of();
    private String emptyText = "";
    private String legendRequests = "";
    private String legendTokens = "";
    private Plot plot;

    /** The drawing area of the last paint, for hit-testing the tooltip. */
    private record Plot(int left, int width, double slot) {
    }

    public BarChart() {
        ToolTipManager.sharedInstance().registerComponent(this);
    }

    public void setLegend(String requests, String tokens) {
        this.legendRequests = requests;
        this.legendTokens = tokens;
    }

    public void show(List<Point> newPoints, String whenEmpty) {
        points = List.copyOf(newPoints);
        emptyText = whenEmpty;
        repaint();
    }

    /** The bucket under {@code x}, or -1. */
    int bucketAt(int x) {
        Plot p = plot;
        if (p == null || points.isEmpty() || x < p.left || x >= p.left + p.width) {
            return -1;
        }
        return Math.min(points.size() - 1, (int) ((x - p.left) / p.slot));
    }

    @Override
    public String getToolTipText(MouseEvent event) {
        int i = bucketAt(event.getX());
        if (i < 0 || !hasData()) {
            return null;
        }
        Point p = points.get(i);
        return "<html><b>" + escape(p.title()) + "</b><br>" + escape(legendRequests) + ": " + p.requests()
                + "<br>" + escape(legendTokens) + ": " + Formats.compact(p.tokens()) + "</html>";
    }

    @Override
    public Dimension getPreferredSize() {
        return new Dimension(Ui.scale(480), Ui.scale(210));
    }

    private boolean hasData() {
        return points.stream().anyMatch(p -> p.requests() > 0 || p.tokens() > 0);
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_LCD_HRGB);
            g2.setFont(getFont() != null ? getFont() : UIManager.getFont("Label.font"));
            FontMetrics fm = g2.getFontMetrics();
            AxisScale requestAxis = AxisScale.covering(points.stream().mapToLong(Point::requests).max().orElse(0));
            AxisScale tokenAxis = AxisScale.covering(points.stream().mapToLong(Point::tokens).max().orElse(0));
            boolean data = hasData();
            int gap = Ui.scale(8);
            int leftAxis = data ? fm.stringWidth(Formats.compact(requestAxis.max())) + gap : 0;
            int rightAxis = data ? fm.stringWidth(Formats.compact(tokenAxis.max())) + gap : 0;
            int left = Ui.scale(8) + leftAxis;
            int top = fm.getHeight() + Ui.scale(14);
            int bottom = fm.getHeight() + Ui.scale(6);
            int w = getWidth() - left - Ui.scale(8) - rightAxis;
            int h = getHeight() - top - bottom;
            paintLegend(g2, fm, Ui.scale(8));
            Color muted = UIManager.getColor("Label.disabledForeground");
            g2.setColor(Ui.color("CodexManager.chart.grid"));
            // without data only the baseline: grid lines would cross the message
            for (int i = 0; i <= (data ? AxisScale.TICKS : 0); i++) {
                int y = top + h - h * i / AxisScale.TICKS;
                g2.drawLine(left, y, left + w, y);
            }
            if (!data) {
                plot = null;
                g2.setColor(muted);
                g2.drawString(emptyText, left + (w - fm.stringWidth(emptyText)) / 2, top + h / 2);
                return;
            }
            paintAxisLabels(g2, fm, requestAxis, tokenAxis, left, w, top, h);
            double slot = (double) w / points.size();
            plot = new Plot(left, w, slot);
            paintBars(g2, requestAxis, left, top, h, slot);
            paintTokenLine(g2, tokenAxis, left, top, h, slot);
            g2.setColor(muted);
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

    private void paintAxisLabels(Graphics2D g2, FontMetrics fm, AxisScale requests, AxisScale tokens, int left,
            int w, int top, int h) {
        for (int i = 0; i <= AxisScale.TICKS; i++) {
            int baseline = top + h - h * i / AxisScale.TICKS + fm.getAscent() / 2 - Ui.scale(1);
            String r = Formats.compact(requests.tick(i));
            g2.setColor(Ui.color("CodexManager.chart.requests"));
            g2.drawString(r, left - Ui.scale(6) - fm.stringWidth(r), baseline);
            g2.setColor(Ui.color("CodexManager.chart.tokens"));
            g2.drawString(Formats.compact(tokens.tick(i)), left + w + Ui.scale(6), baseline);
        }
    }

    private void paintBars(Graphics2D g2, AxisScale axis, int left, int top, int h, double slot) {
        double bar = Math.max(Ui.scale(3), Math.min(slot * 0.62, Ui.scale(28)));
        double arc = Math.min(Ui.scale(4), bar / 2);
        g2.setColor(Ui.color("CodexManager.chart.requests"));
        for (int i = 0; i < points.size(); i++) {
            long value = points.get(i).requests();
            if (value == 0) {
                continue;
            }
            double bh = Math.max(Ui.scale(2), h * axis.fraction(value));
            double x = left + slot * i + (slot - bar) / 2;
            double y = top + h - bh;
            g2.fill(new RoundRectangle2D.Double(x, y, bar, bh, arc * 2, arc * 2));
            if (bh > arc) {
                g2.fill(new Rectangle2D.Double(x, y + arc, bar, bh - arc));
            }
        }
    }

    private void paintTokenLine(Graphics2D g2, AxisScale axis, int left, int top, int h, double slot) {
        Path2D.Double line = new Path2D.Double();
        double dot = Ui.scale(6);
        Color tokens = Ui.color("CodexManager.chart.tokens");
        g2.setColor(tokens);
        for (int i = 0; i < points.size(); i++) {
            double cx = left + slot * i + slot / 2;
            double cy = top + h - h * axis.fraction(points.get(i).tokens());
            if (i == 0) {
                line.moveTo(cx, cy);
            } else {
                line.lineTo(cx, cy);
            }
        }
        g2.setStroke(new BasicStroke(Ui.scale(2), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g2.draw(line);
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).tokens() > 0) {
                double cx = left + slot * i + slot / 2;
                double cy = top + h - h * axis.fraction(points.get(i).tokens());
                g2.setColor(getBackground() != null ? getBackground() : Color.WHITE);
                g2.fill(new Ellipse2D.Double(cx - dot / 2, cy - dot / 2, dot, dot));
                g2.setColor(tokens);
                g2.draw(new Ellipse2D.Double(cx - dot / 2, cy - dot / 2, dot, dot));
            }
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

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
