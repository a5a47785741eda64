package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.AccountRow;
import com.codexmanager.desktop.model.AccountsTableModel.Column;
import com.codexmanager.desktop.model.Availability;
import com.codexmanager.desktop.ui.Badge;
import com.codexmanager.desktop.ui.Formats;
import com.codexmanager.desktop.ui.Ui;
import com.codexmanager.desktop.ui.UsageBar;
import java.awt.BorderLayout;
import java.awt.Component;
import java.time.Clock;
import javax.swing.BoxLayout;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTable;
import javax.swing.table.DefaultTableCellRenderer;
import javax.swing.table.TableCellRenderer;

/** Renders one account column: text, a usage bar or an availability badge. EDT only. */
final class AccountCellRenderer implements TableCellRenderer {
    private final Column column;
    private final Messages messages;
    private final Formats formats;
    private final Clock clock;
    private final DefaultTableCellRenderer text = new DefaultTableCellRenderer();
    private final JPanel account = new JPanel();
    private final JLabel accountName = new JLabel();
    private final JLabel accountMail = new JLabel();
    private final JPanel usagePanel = new JPanel(new BorderLayout());
    private final UsageBar usage = new UsageBar();
    private final JPanel badgePanel = new JPanel(new BorderLayout());
    private final Badge badge = new Badge();

    AccountCellRenderer(Column column, Messages messages, Formats formats, Clock clock) {
        this.column = column;
        this.messages = messages;
        this.formats = formats;
        this.clock = clock;
        account.setLayout(new BoxLayout(account, BoxLayout.Y_AXIS));
        account.setBorder(Ui.pad(4, 6, 4, 6));
        Ui.styled(accountName, "semibold");
        account.add(accountName);
        account.add(accountMail);
        usagePanel.setBorder(Ui.pad(6, 6, 4, 10));
        usagePanel.add(usage, BorderLayout.CENTER);
        badgePanel.setBorder(Ui.pad(0, 6, 0, 6));
        badgePanel.add(badge, BorderLayout.WEST);
    }

    @Override
    public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focus,
            int row, int col) {
        AccountRow a = (AccountRow) value;
        // the default renderer knows the row's background (selection, alternate rows)
        java.awt.Color background = text.getTableCellRendererComponent(table, "", selected, false, row, col)
                .getBackground();
        return switch (column) {
            case ACCOUNT -> {
                accountName.setText(a.displayName());
                accountMail.setText(a.label().isBlank() || a.label().equals(a.email()) ? a.id() : a.email());
                accountName.setForeground(selected ? table.getSelectionForeground() : table.getForeground());
                accountMail.setForeground(selected ? table.getSelectionForeground()
                        : javax.swing.UIManager.getColor("Label.disabledForeground"));
                yield paint(account, background);
            }
            case FIVE_HOURS -> {
                usage.show(remaining(a.primaryUsedPercent()), formats.shortWindow(a.primaryUsedPercent(),
                        a.primaryResetsAt(), clock.instant()));
                usage.setForeground(selected ? table.getSelectionForeground() : table.getForeground());
                yield paint(usagePanel, background);
            }
            case SEVEN_DAYS -> {
                usage.show(remaining(a.secondaryUsedPercent()), formats.shortWindow(a.secondaryUsedPercent(),
                        a.secondaryResetsAt(), clock.instant()));
                usage.setForeground(selected ? table.getSelectionForeground() : table.getForeground());
                yield paint(usagePanel, background);
            }
            case AVAILABILITY -> {
                badge.show(messages.text(a.availability().textKey()), tone(a.availability()));
                yield paint(badgePanel, background);
            }
            case ORDER -> text.getTableCellRendererComponent(table,
                    Integer.toString(table.convertRowIndexToModel(row) + 1), selected, false, row, col);
            default -> text.getTableCellRendererComponent(table, textOf(a), selected, false, row, col);
        };
    }

    /** A known reason code in words; unknown codes as they are. */
    private String reason(String code) {
        return switch (code) {
            case "" -> "–";
            case "usage_limit_exhausted" -> messages.text("reason.usageLimitExhausted");
            default -> code;
        };
    }

    private String textOf(AccountRow a) {
        return switch (column) {
            case PLAN -> a.planType().isBlank() ? "–" : a.planType();
            case GROUP -> a.groupName().isBlank() ? "–" : a.groupName();
            case TAGS -> a.tags().isEmpty() ? "–" : String.join(", ", a.tags());
            case REASON -> reason(a.statusReason());
            case LAST_REFRESH -> formats.when(a.lastRefreshAt(), clock.instant());
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

    private static Component paint(JPanel panel, java.awt.Color background) {
        panel.setBackground(background);
        panel.setOpaque(true);
        return panel;
    }
}
