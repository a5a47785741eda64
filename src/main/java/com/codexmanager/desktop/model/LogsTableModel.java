package com.codexmanager.desktop.model;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.ui.Formats;
import java.util.List;
import javax.swing.table.AbstractTableModel;

/** One page of request logs over an immutable row list. EDT only. */
public final class LogsTableModel extends AbstractTableModel {
    /** Columns with header key and priority (1 = always shown, 3 = first to hide on narrow windows). */
    public enum Column {
        TIME("logs.col.time", 1), STATUS("logs.col.status", 1), METHOD("logs.col.method", 3),
        PATH("logs.col.path", 2), MODEL("logs.col.model", 1), ACCOUNT("logs.col.account", 1),
        TOKENS("logs.col.tokens", 2), DURATION("logs.col.duration", 3), ERROR("logs.col.error", 2);

        private final String headerKey;
        private final int priority;

        Column(String headerKey, int priority) {
            this.headerKey = headerKey;
            this.priority = priority;
        }

        public int priority() {
            return priority;
        }
    }

    private final Messages messages;
    private final Formats formats;
    private List<LogRow> rows = List.of();

    public LogsTableModel(Messages messages, Formats formats) {
        this.messages = messages;
        this.formats = formats;
    }

    public void setRows(List<LogRow> newRows) {
        rows = List.copyOf(newRows);
        fireTableDataChanged();
    }

    public LogRow row(int index) {
        return rows.get(index);
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
        return messages.text(Column.values()[column].headerKey);
    }

    @Override
    public Object getValueAt(int row, int column) {
        LogRow r = rows.get(row);
        return switch (Column.values()[column]) {
            case TIME -> formats.seconds(r.createdAt());
            case STATUS -> r.statusCode() == 0 ? "–" : Integer.toString(r.statusCode());
            case METHOD -> r.method();
            case PATH -> r.path();
            case MODEL -> r.model();
            case ACCOUNT -> r.accountOrKey();
            case TOKENS -> Formats.compact(r.inputTokens()) + " / " + Formats.compact(r.outputTokens());
            case DURATION -> r.durationMs() + " ms";
            case ERROR -> r.error();
        };
    }
}
