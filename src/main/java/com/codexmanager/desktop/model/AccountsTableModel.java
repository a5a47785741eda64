package com.codexmanager.desktop.model;

import com.codexmanager.desktop.i18n.Messages;

/**
 * The accounts table: an immutable list of {@link AccountRow}s in routing order; every cell value is the row
 * itself and the column's renderer picks what to show. Replace the rows with {@link #setRows} on the EDT.
 */
public final class AccountsTableModel extends RowsTableModel<AccountRow, AccountsTableModel.Column> {
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

    public AccountsTableModel(Messages messages) {
        super(messages, Column.class, Column::headerKey);
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return AccountRow.class;
    }

    @Override
    protected Object value(AccountRow row, Column column) {
        return row;
    }
}
