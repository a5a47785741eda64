package com.codexmanager.desktop.model;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.ui.Formats;
import java.time.Clock;

/** The platform keys table over an immutable list of {@link KeyRow}s. EDT only. */
public final class KeysTableModel extends RowsTableModel<KeyRow, KeysTableModel.Column> {
    /** Columns with header keys. */
    public enum Column {
        NAME("keys.col.name"), PREFIX("keys.col.prefix"), PROTOCOL("keys.col.protocol"), MODEL("keys.col.model"),
        STATUS("keys.col.status"), CREATED("keys.col.created"), LAST_USED("keys.col.lastUsed");

        private final String headerKey;

        Column(String headerKey) {
            this.headerKey = headerKey;
        }

        public String headerKey() {
            return headerKey;
        }
    }

    private final Formats formats;
    private final Clock clock;

    public KeysTableModel(Messages messages, Formats formats, Clock clock) {
        super(messages, Column.class, Column::headerKey);
        this.formats = formats;
        this.clock = clock;
    }

    @Override
    protected Object value(KeyRow k, Column column) {
        Messages messages = messages();
        return switch (column) {
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
