package com.codexmanager.desktop.tray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws the app icon at one pixel size: a rounded square (blue to indigo, or grey for "service stopped") holding a
 * white hub joined to three account nodes, i.e. one gateway in front of a pool. Small sizes get heavier strokes and
 * bigger nodes so the glyph stays readable at 16 px. Stateless.
 */
public final class AppIconPainter {
    private AppIconPainter() {
    }

    public static BufferedImage paint(int size, boolean stopped) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            boolean small = size <= 24;
            double margin = small ? 0 : size * 0.06;
            double box = size - 2 * margin;
            double arc = box * (small ? 0.34 : 0.30);
            Color top = stopped ? new Color(0x9C, 0xA3, 0xAF) : new Color(0x3B, 0x82, 0xF6);
            Color bottom = stopped ? new Color(0x5B, 0x63, 0x70) : new Color(0x4F, 0x3C, 0xD6);
            g.setPaint(new GradientPaint((float) margin, (float) margin, top, (float) (margin + box),
                    (float) (margin + box), bottom));
            g.fill(new RoundRectangle2D.Double(margin, margin, box, box, arc, arc));
            if (!small) {
                // a faint top highlight gives the large sizes some depth
                g.setPaint(new GradientPaint(0, (float) margin, new Color(255, 255, 255, 46), 0,
                        (float) (margin + box * 0.5), new Color(255, 255, 255, 0)));
                g.fill(new RoundRectangle2D.Double(margin, margin, box, box * 0.5, arc, arc));
            }
            paintGlyph(g, size / 2.0, size / 2.0 + box * 0.02, box, small);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void paintGlyph(Graphics2D g, double cx, double cy, double box, boolean small) {
        double distance = box * (small ? 0.29 : 0.27);
        double hub = box * (small ? 0.15 : 0.125);
        double node = box * (small ? 0.115 : 0.085);
        float stroke = (float) Math.max(1.4, box * (small ? 0.085 : 0.055));
        Point2D.Double[] nodes = new Point2D.Double[3];
        double[] angles = {-150, -30, 90};
        for (int i = 0; i < 3; i++) {
            double rad = Math.toRadians(angles[i]);
            nodes[i] = new Point2D.Double(cx + Math.cos(rad) * distance, cy + Math.sin(rad) * distance);
        }
        g.setColor(new Color(255, 255, 255, 235));
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Point2D.Double p : nodes) {
            g.draw(new Line2D.Double(cx, cy, p.x, p.y));
        }
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(cx - hub, cy - hub, hub * 2, hub * 2));
        for (Point2D.Double p : nodes) {
            g.fill(new Ellipse2D.Double(p.x - node, p.y - node, node * 2, node * 2));
        }
    }
}
