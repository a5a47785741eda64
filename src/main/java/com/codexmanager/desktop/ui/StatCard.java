package com.codexmanager.desktop.ui;

import java.awt.BorderLayout;
import javax.swing.BoxLayout;
import javax.swing.JLabel;
import javax.swing.JPanel;

/** A dashboard tile: caption, big value, small detail line. EDT only. */
public final class StatCard extends JPanel {
    private final JLabel value = Ui.label("–", "h1");
    private final JLabel detail = Ui.hint(" ");

    public StatCard(String name, String caption) {
        super(new BorderLayout());
        setOpaque(false);
        JPanel inner = new JPanel();
        inner.setOpaque(false);
        inner.setLayout(new BoxLayout(inner, BoxLayout.Y_AXIS));
        inner.add(Ui.hint(caption));
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
