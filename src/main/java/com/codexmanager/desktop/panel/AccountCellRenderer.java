package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.AccountRow;
import com.codexmanager.desktop.model.AccountsTableModel;
import com.codexmanager.desktop.model.AccountsTableModel.Column;
import com.codexmanager.desktop.model.Availability;
import com.codexmanager.desktop.ui.Badge;
import com.codexmanager.desktop.ui.FitTable;
import com.codexmanager.desktop.ui.Formats;
import com.codexmanager.desktop.ui.Ui;
import com.codexmanager.desktop.ui.UsageBar;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.FlowLayout;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import javax.swing.BoxLayout;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTable;
import javax.swing.UIManager;
import javax.swing.table.DefaultTableCellRenderer;
import javax.swing.table.TableCellRenderer;

/**
 * Renders one account column: text, a "% left" usage bar, an availability badge with when a used-up account resets
 * ("resets in 58 min"), or the account with its marks (pinned, served the last request). Cut content is reported
 * to {@link FitTable} for the tooltip. EDT only.
 */
final class AccountCellRenderer implements TableCellRenderer {
    private final Column column;
    private final Messages messages;
    private final Formats formats;
    private final Clock clock;
    private final DefaultTableCellRenderer text = new DefaultTableCellRenderer();
    private final JLabel accountName = new JLabel();
    private final JLabel accountMail = new JLabel();
    private final JLabel pinnedMark;
    private final JLabel servingMark;
    private final JPanel marks = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
    private final UsageBar usage = new UsageBar();
    private final Badge badge = new Badge();
    private final JLabel resets = new JLabel();
    private final CellPanel account;
    private final CellPanel usagePanel;
    private final CellPanel badgePanel;

    AccountCellRenderer(Column column, Messages messages, Formats formats, Clock clock) {
        this.column = column;
        this.messages = messages;
        this.formats = formats;
        this.clock = clock;
        pinnedMark = mark("pin", "accounts.mark.pinned");
        servingMark = mark("activity", "accounts.mark.serving");
        account = new CellPanel(this::accountCut);
        account.setLayout(new BoxLayout(account, BoxLayout.Y_AXIS));
        account.setBorder(Ui.pad(4, 6, 4, 6));
        Ui.styled(accountName, "semibold");
        accountName.setAlignmentX(0f);
        // the marks lead the second line, so the name keeps its width and the id gives way first
        JPanel secondLine = new JPanel(new BorderLayout(Ui.scale(6), 0));
        secondLine.setOpaque(false);
        secondLine.setAlignmentX(0f);
        marks.setOpaque(false);
        marks.add(pinnedMark);
        marks.add(javax.swing.Box.createHorizontalStrut(Ui.scale(6)));
        marks.add(servingMark);
        secondLine.add(marks, BorderLayout.WEST);
        secondLine.add(accountMail, BorderLayout.CENTER);
        account.add(accountName);
        account.add(secondLine);
        usagePanel = new CellPanel(usage::truncatedCaption);
        usagePanel.setLayout(new BorderLayout());
        usagePanel.setBorder(Ui.pad(6, 6, 4, 10));
        usagePanel.add(usage, BorderLayout.CENTER);
        badgePanel = new CellPanel(() -> resets.getPreferredSize().width > resets.getWidth() ? resets.getText()
                : null);
        badgePanel.setLayout(new BoxLayout(badgePanel, BoxLayout.Y_AXIS));
        badgePanel.setBorder(Ui.pad(4, 6, 4, 6));
        badge.setAlignmentX(0f);
        resets.setAlignmentX(0f);
        Ui.styled(resets, "small");
        badgePanel.add(javax.swing.Box.createVerticalGlue());
        badgePanel.add(badge);
        badgePanel.add(resets);
        badgePanel.add(javax.swing.Box.createVerticalGlue());
    }

    private JLabel mark(String icon, String textKey) {
        JLabel label = new JLabel(messages.text(textKey), Ui.icon(icon, 12), JLabel.LEADING);
        label.setIconTextGap(Ui.scale(2));
        Ui.styled(label, "small");
        return label;
    }

    /** A renderer panel that tells the table what it cuts. */
    private static final class CellPanel extends JPanel implements FitTable.FullText {
        private final transient Supplier<String> cut;

        CellPanel(Supplier<String> cut) {
            this.cut = cut;
        }

        @Override
        public String truncatedText() {
            layoutTree(this);
            return cut.get();
        }

        /** A renderer is never part of a shown window, so its children are laid out here, not by validate(). */
        private static void layoutTree(java.awt.Container container) {
            container.doLayout();
            for (Component child : container.getComponents()) {
                if (child instanceof java.awt.Container nested) {
                    layoutTree(nested);
                }
            }
        }
    }

    @Override
    public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focus,
            int row, int col) {
        AccountRow a = (AccountRow) value;
        // the default renderer knows the row's background (selection, alternate rows)
        Color background = text.getTableCellRendererComponent(table, "", selected, false, row, col).getBackground();
        Color foreground = selected ? table.getSelectionForeground() : table.getForeground();
        Instant now = clock.instant();
        return switch (column) {
            case ACCOUNT -> {
                AccountsTableModel model = (AccountsTableModel) table.getModel();
                accountName.setText(a.displayName());
                accountMail.setText(a.label().isBlank() || a.label().equals(a.email()) ? a.id() : a.email());
                accountName.setForeground(foreground);
                accountMail.setForeground(selected ? foreground : UIManager.getColor("Label.disabledForeground"));
                pinnedMark.setVisible(model.pinned(a));
                servingMark.setVisible(model.servedLast(a));
                marks.setVisible(pinnedMark.isVisible() || servingMark.isVisible());
                pinnedMark.setForeground(selected ? foreground : Ui.color("CodexManager.navSelectedForeground"));
                servingMark.setForeground(selected ? foreground : Ui.color("CodexManager.good"));
                yield paint(account, background);
            }
            case FIVE_HOURS -> {
                usage.show(remaining(a.primaryUsedPercent()), formats.shortWindow(a.primaryUsedPercent(),
                        a.primaryResetsAt(), now));
                usage.setForeground(foreground);
                yield paint(usagePanel, background);
            }
            case SEVEN_DAYS -> {
                usage.show(remaining(a.secondaryUsedPercent()), formats.shortWindow(a.secondaryUsedPercent(),
                        a.secondaryResetsAt(), now));
                usage.setForeground(foreground);
                yield paint(usagePanel, background);
            }
            case AVAILABILITY -> {
                badge.show(messages.text(a.availability().textKey()), tone(a.availability()));
                Instant until = a.availability() == Availability.UNAVAILABLE ? a.blockedUntil() : null;
                resets.setText(until == null ? "" : formats.resetsIn(until, now));
                resets.setVisible(until != null);
                resets.setForeground(selected ? foreground : UIManager.getColor("Label.disabledForeground"));
                yield paint(badgePanel, background);
            }
            case ORDER -> text.getTableCellRendererComponent(table,
                    Integer.toString(table.convertRowIndexToModel(row) + 1), selected, false, row, col);
            default -> text.getTableCellRendererComponent(table, textOf(a, now), selected, false, row, col);
        };
    }

    /** The name and the second line when either is cut, else {@code null}. */
    private String accountCut() {
        boolean cut = accountName.getPreferredSize().width > accountName.getWidth()
                || accountMail.getPreferredSize().width > accountMail.getWidth();
        if (!cut) {
            return null;
        }
        StringBuilder second = new StringBuilder();
        for (JLabel mark : new JLabel[] {pinnedMark, servingMark}) {
            if (mark.isVisible()) {
                second.append(escape(mark.getText())).append(" · ");
            }
        }
        return "<html>" + escape(accountName.getText()) + "<br>" + second + escape(accountMail.getText()) + "</html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Why the account is in its state, in words; when it resets is under the availability badge. */
    String status(AccountRow a) {
        return switch (a.statusReason()) {
            case "" -> "–";
            case "usage_limit_exhausted" -> messages.text("reason.usageLimitExhausted");
            default -> a.statusReason();
        };
    }

    private String textOf(AccountRow a, Instant now) {
        return switch (column) {
            case PLAN -> a.planType().isBlank() ? "–" : a.planType();
            case GROUP -> a.groupName().isBlank() ? "–" : a.groupName();
            case TAGS -> a.tags().isEmpty() ? "–" : String.join(", ", a.tags());
            case REASON -> status(a);
            case LAST_REFRESH -> formats.when(a.lastRefreshAt(), now);
            default -> "";
        };
    }

    private static Double remaining(Double used) {
        return used == null ? null : 100 - used;
    }

    static Badge.Tone tone(Availability availability) {
        return switch (availability) {
            case AVAILABLE -> Badge.Tone.GOOD;
            case SINGLE_WINDOW, NEEDS_LOGIN -> Badge.Tone.WARN;
            case UNAVAILABLE -> Badge.Tone.BAD;
            case DISABLED, UNKNOWN -> Badge.Tone.NEUTRAL;
        };
    }

    private static Component paint(JPanel panel, Color background) {
        panel.setBackground(background);
        panel.setOpaque(true);
        return panel;
    }
}
