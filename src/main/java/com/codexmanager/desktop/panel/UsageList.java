package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.AccountRow;
import com.codexmanager.desktop.model.PoolSnapshot;
import com.codexmanager.desktop.ui.Formats;
import com.codexmanager.desktop.ui.Ui;
import com.codexmanager.desktop.ui.UsageBar;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.time.Clock;
import java.time.Instant;
import javax.swing.BoxLayout;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.Scrollable;

/**
 * The dashboard's usage per account: each account's name with its marks (pinned, served the last request) and a
 * "% left" bar per window. It always takes its viewport's width, so long captions end in "…" (with the whole
 * caption as tooltip) instead of scrolling sideways. EDT only.
 */
final class UsageList extends JPanel implements Scrollable {
    private final Messages messages;
    private final Formats formats;
    private final Clock clock;

    UsageList(Messages messages, Formats formats, Clock clock) {
        this.messages = messages;
        this.formats = formats;
        this.clock = clock;
        setOpaque(false);
        setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
        setName("dash-usage");
    }

    /** Shows one line of text instead of the accounts (e.g. "not available"). */
    void showHint(String text) {
        removeAll();
        add(Ui.hint(text));
        revalidate();
        repaint();
    }

    void show(PoolSnapshot pool) {
        removeAll();
        if (pool.accounts().isEmpty()) {
            add(Ui.hint(messages.text("tray.noAccounts")));
        }
        Instant now = clock.instant();
        for (AccountRow a : pool.accounts()) {
            JPanel line = new JPanel(new BorderLayout(0, Ui.scale(2)));
            line.setOpaque(false);
            line.setBorder(Ui.pad(4, 0, 8, 0));
            line.add(nameLine(a, pool), BorderLayout.NORTH);
            JPanel bars = new JPanel(new GridLayout(1, 2, Ui.scale(14), 0));
            bars.setOpaque(false);
            bars.add(bar(messages.text("usage.fiveHours"), a.primaryUsedPercent(), a.primaryResetsAt(), now));
            bars.add(bar(messages.text("usage.sevenDays"), a.secondaryUsedPercent(), a.secondaryResetsAt(), now));
            line.add(bars, BorderLayout.CENTER);
            line.setAlignmentX(0f);
            line.setMaximumSize(new java.awt.Dimension(Integer.MAX_VALUE, line.getPreferredSize().height));
            add(line);
        }
        revalidate();
        repaint();
    }

    private UsageBar bar(String window, Double usedPercent, Instant resetsAt, Instant now) {
        UsageBar bar = new UsageBar();
        bar.show(usedPercent == null ? null : 100 - usedPercent, messages.text("usage.windowShort", window,
                formats.shortWindow(usedPercent, resetsAt, now)));
        return bar;
    }

    /** The account's name with its marks: pinned (tried first) and served the last request. */
    private JComponent nameLine(AccountRow a, PoolSnapshot pool) {
        JPanel line = new JPanel(new BorderLayout(Ui.scale(8), 0));
        line.setOpaque(false);
        JLabel name = Ui.label(a.displayName(), "semibold");
        name.setName("dash.account." + a.id());
        line.add(name, BorderLayout.CENTER);
        JPanel marks = new JPanel(new FlowLayout(FlowLayout.RIGHT, Ui.scale(6), 0));
        marks.setOpaque(false);
        if (pool.pinned(a.id())) {
            marks.add(mark("dash.pinned." + a.id(), "pin", "accounts.mark.pinned",
                    "CodexManager.navSelectedForeground"));
        }
        if (pool.servedLast(a.id())) {
            marks.add(mark("dash.serving." + a.id(), "activity", "accounts.mark.serving", "CodexManager.good"));
        }
        line.add(marks, BorderLayout.EAST);
        return line;
    }

    private JLabel mark(String name, String icon, String textKey, String colorKey) {
        JLabel mark = new JLabel(messages.text(textKey), Ui.icon(icon, 12), JLabel.LEADING);
        mark.setName(name);
        mark.setIconTextGap(Ui.scale(3));
        Ui.styled(mark, "small");
        mark.setForeground(Ui.color(colorKey));
        return mark;
    }

    @Override
    public java.awt.Dimension getPreferredScrollableViewportSize() {
        return getPreferredSize();
    }

    @Override
    public int getScrollableUnitIncrement(java.awt.Rectangle visible, int orientation, int direction) {
        return Ui.scale(24);
    }

    @Override
    public int getScrollableBlockIncrement(java.awt.Rectangle visible, int orientation, int direction) {
        return visible.height;
    }

    @Override
    public boolean getScrollableTracksViewportWidth() {
        return true;
    }

    @Override
    public boolean getScrollableTracksViewportHeight() {
        return false;
    }
}
