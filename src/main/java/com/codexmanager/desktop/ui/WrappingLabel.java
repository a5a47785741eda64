package com.codexmanager.desktop.ui;

import java.awt.Dimension;
import java.awt.Font;
import java.awt.Insets;
import javax.swing.JLabel;
import javax.swing.ToolTipManager;

/**
 * A label whose text wraps at a fixed width instead of widening its layout, for messages of any length (a long
 * error under a form must not squeeze the form's labels). A word longer than that width (a path in an error) is
 * clipped rather than widening the label, and the whole message is then the tooltip. {@link #message()} is the
 * plain text. EDT only.
 */
public final class WrappingLabel extends JLabel {
    private final int widthPx;
    private String message = "";
    private Font measuredFont;
    private int wrapWidth;

    /** @param widthPx the wrap width at 100 % scale */
    public WrappingLabel(int widthPx) {
        this.widthPx = widthPx;
        setMessage("");
        ToolTipManager.sharedInstance().registerComponent(this);
    }

    public void setMessage(String text) {
        message = text;
        setText(text.isEmpty() ? " " : html(EmptyState.escape(text)));
    }

    private String html(String escaped) {
        return "<html><div style='width:" + Ui.scale(widthPx) + "px'>" + escaped + "</div></html>";
    }

    /** The text shown, without markup. */
    public String message() {
        return message;
    }

    @Override
    public Dimension getPreferredSize() {
        return atMostWrapWidth(super.getPreferredSize());
    }

    @Override
    public Dimension getMinimumSize() {
        return atMostWrapWidth(super.getMinimumSize());
    }

    private Dimension atMostWrapWidth(Dimension size) {
        return new Dimension(Math.min(size.width, wrapWidth()), size.height);
    }

    /** How wide wrapped text is in the current font (the HTML box is wider in pixels than its CSS width). */
    private int wrapWidth() {
        Font font = getFont();
        if (font == null) {
            return Integer.MAX_VALUE;
        }
        if (!font.equals(measuredFont)) {
            JLabel probe = new JLabel(html("x"));
            probe.setFont(font);
            wrapWidth = probe.getPreferredSize().width;
            measuredFont = font;
        }
        Insets insets = getInsets();
        return wrapWidth + insets.left + insets.right;
    }

    @Override
    public String getToolTipText() {
        String set = super.getToolTipText();
        return set != null ? set : super.getPreferredSize().width > getWidth() ? message : null;
    }
}
