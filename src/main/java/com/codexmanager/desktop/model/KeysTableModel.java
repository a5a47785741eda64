package com.codexmanager.desktop.model;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.ui.Formats;
import java.time.Clock;
import java.util.List;
import javax.swing.table.AbstractTableModel;

/** The platform keys table over an immutable list of {@link KeyRow}s. EDT only. */
public final class KeysTableModel extends AbstractTableModel {
    /** Columns with header keys. */
    public enum Column {
        NAME("keys.col.name"), PREFIX("keys.col.prefix"), PROTOCOL("keys.col.protocol"), MODEL("keys.col.model"),
        STATUS("keys.col.status"), CREATED("keys.col.created"), LAST_USED("keys.col.lastUsed");

        private final String headerKey;

        Column(String headerKey) {
            this.headerKey = headerKey;
        }
    }

    private final Messages messages;
    private final Formats formats;
    private final Clock clock;
    private List<KeyRow> rows = List.of();

    public KeysTableModel(Messages messages, Formats formats, Clock clock) {
        this.messages = messages;
        this.formats = formats;
        this.clock = clock;
    }

    public void setRows(List<KeyRow> newRows) {
        rows = List.copyOf(newRows);
        fireTableDataChanged();
    }

    public KeyRow row(int index) {
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
        KeyRow k = rows.get(row);
        return switch (Column.values()[column]) {
            case NAME -> k.name();
            case PREFIX -> k.prefix();
            case PROTOCOL -> switch (k.protocol()) {
                case "openai" -> messages.text("keys.protocol.openai");
                case "anthropic" -> messages.text("keys.protocol.anthropic");
                case "azure_openai" -> messages.text("keys.protocol.azure");
                default -> k.protocol();
            };
            case MODEL -> k.model().isBlank() ? messages.text("keys.followRequest") : k.model()
                    + (k.reasoningEffort().isBlank() ? "" : " · " + k.reasoningEffort());
            case STATUS -> messages.text(k.disabled() ? "keys.status.disabled" : "keys.status.active");
            case CREATED -> formats.when(k.createdAt(), clock.instant());
            case LAST_USED -> formats.when(k.lastUsedAt(), clock.instant());
        };
    }
}
