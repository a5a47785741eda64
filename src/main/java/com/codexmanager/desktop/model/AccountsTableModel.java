package com.codexmanager.desktop.model;

import com.codexmanager.desktop.i18n.Messages;

/**
 * The accounts table: an immutable list of {@link AccountRow}s in routing order; every cell value is the row
 * itself and the column's renderer picks what to show. It also knows which account is pinned and which one served
 * the last request, for the marks next to their names. Replace the rows with {@link #setRows} on the EDT.
 */
public final class AccountsTableModel extends RowsTableModel<AccountRow, AccountsTableModel.Column> {
    /**
     * The columns, with header key, preferred width (at 100 % scale) and priority (1 = always shown; the highest
     * number is hidden first on a narrow window).
     */
    public enum Column {
        ORDER("accounts.col.order", 34, 1), ACCOUNT("accounts.col.account", 190, 1), PLAN("accounts.col.plan", 56, 7),
        GROUP("accounts.col.group", 80, 4), TAGS("accounts.col.tags", 80, 6),
        FIVE_HOURS("accounts.col.fiveHours", 180, 1), SEVEN_DAYS("accounts.col.sevenDays", 180, 3),
        AVAILABILITY("accounts.col.availability", 135, 1), REASON("accounts.col.reason", 145, 2),
        LAST_REFRESH("accounts.col.lastRefresh", 90, 5);

        private final String headerKey;
        private final int width;
        private final int priority;

        Column(String headerKey, int width, int priority) {
            this.headerKey = headerKey;
            this.width = width;
            this.priority = priority;
        }

        public String headerKey() {
            return headerKey;
        }

        public int width() {
            return width;
        }

        public int priority() {
            return priority;
        }
    }

    private String pinnedId = "";
    private String lastServedId = "";

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

    /** Takes the pinned and last-serving account from the pool; repaints when they changed. */
    public void setWhoServes(PoolSnapshot pool) {
        if (!pool.pinnedAccountId().equals(pinnedId) || !pool.lastServedAccountId().equals(lastServedId)) {
            pinnedId = pool.pinnedAccountId();
            lastServedId = pool.lastServedAccountId();
            if (getRowCount() > 0) {
                fireTableRowsUpdated(0, getRowCount() - 1);
            }
        }
    }

    public boolean pinned(AccountRow row) {
        return !pinnedId.isBlank() && pinnedId.equals(row.id());
    }

    public boolean servedLast(AccountRow row) {
        return !lastServedId.isBlank() && lastServedId.equals(row.id());
    }
}
