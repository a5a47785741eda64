package com.codexmanager.desktop.ui;

import javax.swing.JLabel;

/**
 * A label whose text wraps at a fixed width instead of widening its layout, for messages of any length (a long
 * error under a form must not squeeze the form's labels). {@link #message()} is the plain text. EDT only.
 */
public final class WrappingLabel extends JLabel {
    private final int widthPx;
    private String message = "";

    /** @param widthPx the wrap width at 100 % scale */
    public WrappingLabel(int widthPx) {
        this.widthPx = widthPx;
        setMessage("");
    }

    public void setMessage(String text) {
        message = text;
        setText(text.isEmpty() ? " " : "<html><div style='width:" + Ui.scale(widthPx) + "px'>"
                + EmptyState.escape(text) + "</div></html>");
    }

    /** The text shown, without markup. */
    public String message() {
        return message;
    }
}
