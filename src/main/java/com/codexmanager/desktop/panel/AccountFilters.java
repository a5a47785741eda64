package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.AccountRow;
import com.codexmanager.desktop.model.AccountsTableModel;
import com.codexmanager.desktop.model.Availability;
import com.codexmanager.desktop.ui.Ui;
import com.codexmanager.desktop.ui.WrapLayout;
import com.formdev.flatlaf.FlatClientProperties;
import java.awt.FlowLayout;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.RowFilter;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.table.TableRowSorter;

/**
 * The accounts page's filters: text search (label, e-mail, id, tags, note), availability and group, with the
 * "3 of 5 accounts" count. They wrap onto a second line on a narrow window. EDT only.
 */
final class AccountFilters extends JPanel {
    private final Messages messages;
    private final AccountsTableModel model;
    private final TableRowSorter<AccountsTableModel> sorter;
    private final JTextField search = new JTextField(16);
    private final JComboBox<String> status = new JComboBox<>();
    private final JComboBox<String> group = new JComboBox<>();
    private final JLabel count = Ui.hint("");

    AccountFilters(Messages messages, AccountsTableModel model, TableRowSorter<AccountsTableModel> sorter) {
        super(new WrapLayout(FlowLayout.LEFT, Ui.scale(8), Ui.scale(2)));
        this.messages = messages;
        this.model = model;
        this.sorter = sorter;
        setOpaque(false);
        search.setName("accounts-search");
        search.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, messages.text("accounts.searchHint"));
        search.putClientProperty(FlatClientProperties.TEXT_FIELD_LEADING_ICON, Ui.icon("search"));
        search.putClientProperty(FlatClientProperties.TEXT_FIELD_SHOW_CLEAR_BUTTON, true);
        search.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                apply();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                apply();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                apply();
            }
        });
        status.setName("accounts-status");
        status.addItem(messages.text("accounts.filter.allStatuses"));
        for (Availability a : Availability.values()) {
            status.addItem(messages.text(a.textKey()));
        }
        status.addActionListener(e -> apply());
        group.setName("accounts-group");
        group.addActionListener(e -> apply());
        count.setName("accounts-count");
        add(search);
        add(status);
        add(group);
        add(count);
    }

    /** Offers the groups of {@code rows} (keeping the chosen one) after the rows changed. */
    void offerGroups(List<AccountRow> rows) {
        Object current = group.getSelectedItem();
        Set<String> groups = new TreeSet<>();
        rows.stream().map(AccountRow::groupName).filter(g -> !g.isBlank()).forEach(groups::add);
        group.removeAllItems();
        group.addItem(messages.text("accounts.filter.allGroups"));
        groups.forEach(group::addItem);
        group.setSelectedItem(current != null ? current : group.getItemAt(0));
    }

    /** Filters the table by the current choices and updates the count. */
    void apply() {
        String text = search.getText().trim().toLowerCase(Locale.ROOT);
        int statusIndex = status.getSelectedIndex();
        Availability wanted = statusIndex <= 0 ? null : Availability.values()[statusIndex - 1];
        String wantedGroup = group.getSelectedIndex() <= 0 ? null : (String) group.getSelectedItem();
        sorter.setRowFilter(new RowFilter<>() {
            @Override
            public boolean include(Entry<? extends AccountsTableModel, ? extends Integer> entry) {
                AccountRow a = model.row(entry.getIdentifier());
                boolean textOk = text.isEmpty() || (a.label() + " " + a.email() + " " + a.id() + " "
                        + String.join(" ", a.tags()) + " " + a.note()).toLowerCase(Locale.ROOT).contains(text);
                return textOk && (wanted == null || a.availability() == wanted)
                        && (wantedGroup == null || wantedGroup.equals(a.groupName()));
            }
        });
        count.setText(messages.text("accounts.count", sorter.getViewRowCount(), model.getRowCount()));
    }

    /** Shows a failed load where the count goes. */
    void showProblem(String text) {
        count.setText(text);
    }
}
