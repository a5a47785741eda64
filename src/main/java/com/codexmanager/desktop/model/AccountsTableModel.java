package com.codexmanager.desktop.model;

import com.codexmanager.desktop.i18n.Messages;
import java.util.List;
import javax.swing.table.AbstractTableModel;

/**
 * The accounts table: an immutable list of {@link AccountRow}s in routing order; every cell value is the row
 * itself and the column's renderer picks what to show. Replace the rows with {@link #setRows} on the EDT.
 */
public final class AccountsTableModel extends AbstractTableModel {
    /** The columns, with their header key. */
    public enum Column {
        ORDER("accounts.col.order"), ACCOUNT("accounts.col.account"), PLAN("accounts.col.plan"),
        GROUP("accounts.col.group"), TAGS("accounts.col.tags"), FIVE_HOURS("accounts.col.fiveHours"),
        SEVEN_DAYS("accounts.col.sevenDays"), AVAILABILITY("accounts.col.availability"),
        REASON("accounts.col.reason"), LAST_REFRESH("accounts.col.lastRefresh");

        private final String headerKey;

        Column(String headerKey) {
            this.headerKey = headerKey;
        }

        public String headerKey() {
            return headerKey;
        }
    }

    private final Messages messages;
    private List<AccountRow> rows = List.of();

    public AccountsTableModel(Messages messages) {
        this.messages = messages;
    }

    public void setRows(List<AccountRow> newRows) {
        rows = List.copyOf(newRows);
        fireTableDataChanged();
    }

    public List<AccountRow> rows() {
        return rows;
    }

    public AccountRow row(int modelIndex) {
        return rows.get(modelIndex);
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return Column.values().length;
    }

    @Override
    public String getColumnName(int column) {
        return messages.text(Column.values()[column].headerKey());
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return AccountRow.class;
    }

    @Override
    public Object getValueAt(int row, int column) {
        return rows.get(row);
    }
}
