package com.codexmanager.desktop.model;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.ui.Formats;

/** One page of request logs over an immutable row list. EDT only. */
public final class LogsTableModel extends RowsTableModel<LogRow, LogsTableModel.Column> {
    /**
     * Columns with header key, preferred width (at 100 % scale) and priority (1 = always shown; the highest number
     * is hidden first on a narrow window).
     */
    public enum Column {
        TIME("logs.col.time", 118, 1), STATUS("logs.col.status", 56, 1), METHOD("logs.col.method", 60, 4),
        PATH("logs.col.path", 150, 3), MODEL("logs.col.model", 110, 1), ACCOUNT("logs.col.account", 150, 1),
        TOKENS("logs.col.tokens", 124, 3), DURATION("logs.col.duration", 76, 4), ERROR("logs.col.error", 170, 2);

        private final String headerKey;
        private final int width;
        private final int priority;

        Column(String headerKey, int width, int priority) {
            this.headerKey = headerKey;
            this.width = width;
            this.priority = priority;
        }

        public int width() {
            return width;
        }

        public int priority() {
            return priority;
        }

        public String headerKey() {
            return headerKey;
        }
    }

    private final Formats formats;

    public LogsTableModel(Messages messages, Formats formats) {
        super(messages, Column.class, Column::headerKey);
        this.formats = formats;
    }

    @Override
    protected Object value(LogRow r, Column column) {
        return switch (column) {
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
