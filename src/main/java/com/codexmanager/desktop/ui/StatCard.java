package com.codexmanager.desktop.ui;

import java.awt.BorderLayout;
import javax.swing.BoxLayout;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * A dashboard tile: caption, big value, small detail line. A narrow window cuts the texts to "…"; each then shows
 * its whole text as a tooltip. EDT only.
 */
public final class StatCard extends JPanel {
    private final JLabel value = Ui.styled(new CutTextLabel("–"), "h1");
    private final JLabel detail = Ui.secondary(new CutTextLabel(" "));

    public StatCard(String name, String caption) {
        super(new BorderLayout());
        setOpaque(false);
        JPanel inner = new JPanel();
        inner.setOpaque(false);
        inner.setLayout(new BoxLayout(inner, BoxLayout.Y_AXIS));
        inner.add(Ui.secondary(new CutTextLabel(caption)));
        inner.add(javax.swing.Box.createVerticalStrut(Ui.scale(4)));
        value.setName(name);
        inner.add(value);
        inner.add(detail);
        Card card = new Card(inner);
        add(card, BorderLayout.CENTER);
    }

    public void show(String newValue, String newDetail) {
        value.setText(newValue);
        detail.setText(newDetail.isEmpty() ? " " : newDetail);
    }
}
