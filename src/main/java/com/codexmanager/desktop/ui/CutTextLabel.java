package com.codexmanager.desktop.ui;

import javax.swing.JLabel;
import javax.swing.ToolTipManager;

/**
 * A label that shows its whole text as its tooltip while it is narrower than that text (Swing then cuts the text
 * to "…"). A tooltip set with {@link #setToolTipText} wins. EDT only.
 */
public final class CutTextLabel extends JLabel {
    public CutTextLabel(String text) {
        super(text);
        ToolTipManager.sharedInstance().registerComponent(this);
    }

    @Override
    public String getToolTipText() {
        String set = super.getToolTipText();
        return set != null ? set : cut() ? getText() : null;
    }

    /** Whether the current width cuts the text. */
    public boolean cut() {
        String text = getText();
        return text != null && !text.isBlank() && getWidth() > 0 && getWidth() < getPreferredSize().width;
    }
}
