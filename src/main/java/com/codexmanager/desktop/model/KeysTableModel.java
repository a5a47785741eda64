package com.codexmanager.desktop.model;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.ui.Formats;
import java.time.Clock;

/** The platform keys table over an immutable list of {@link KeyRow}s. EDT only. */
public final class KeysTableModel extends RowsTableModel<KeyRow, KeysTableModel.Column> {
    /**
     * Columns with header key, preferred width (at 100 % scale) and priority (1 = always shown; the highest number
     * is hidden first on a narrow window).
     */
    public enum Column {
        NAME("keys.col.name", 130, 1), PREFIX("keys.col.prefix", 130, 4), PROTOCOL("keys.col.protocol", 190, 3),
        MODEL("keys.col.model", 150, 1), GROUP("keys.col.group", 95, 2), EXPIRES("keys.col.expires", 90, 2),
        STATUS("keys.col.status", 80, 1), LIMITS("keys.col.limits", 120, 3), TODAY("keys.col.today", 130, 1),
        LAST_USED("keys.col.lastUsed", 100, 5), CREATED("keys.col.created", 100, 6);

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

    private final Formats formats;
    private final Clock clock;

    public KeysTableModel(Messages messages, Formats formats, Clock clock) {
        super(messages, Column.class, Column::headerKey);
        this.formats = formats;
        this.clock = clock;
    }

    /** "30/min · 1.2M tok/day", "No limit". */
    static String limits(Messages messages, KeyRow.Limits limits) {
        if (limits.none()) {
            return messages.text("keys.noLimit");
        }
        String perMinute = limits.requestsPerMinute() == null ? null
                : messages.text("keys.limitPerMinute", limits.requestsPerMinute());
        String perDay = limits.tokensPerDay() == null ? null
                : messages.text("keys.limitPerDay", Formats.compact(limits.tokensPerDay()));
        return perMinute == null ? perDay : perDay == null ? perMinute : perMinute + " · " + perDay;
    }

    @Override
    protected Object value(KeyRow k, Column column) {
        Messages messages = messages();
        return switch (column) {
            case NAME -> k.name();
            case PREFIX -> k.prefix() + "…";
            case PROTOCOL -> switch (k.protocol()) {
                case "openai" -> messages.text("keys.protocol.openai");
                case "anthropic" -> messages.text("keys.protocol.anthropic");
                case "azure_openai" -> messages.text("keys.protocol.azure");
                default -> k.protocol();
            };
            case MODEL -> (k.model().isBlank() ? messages.text("keys.followRequest") : k.model())
                    + (k.reasoningEffort().isBlank() ? "" : " · " + k.reasoningEffort());
            case GROUP -> k.accountGroup().isBlank() ? messages.text("keys.anyGroup") : k.accountGroup();
            case EXPIRES -> k.expiresAt() == null ? messages.text("keys.expiry.never")
                    : formats.day(k.expiresAt());
            case STATUS -> messages.text(k.disabled() ? "keys.status.disabled" : k.expired() ? "keys.status.expired"
                    : "keys.status.active");
            case LIMITS -> limits(messages, k.limits());
            case TODAY -> k.today() == null ? "–" : messages.text("keys.todayValue", k.today().requests(),
                    Formats.compact(k.today().tokens()));
            case CREATED -> formats.when(k.createdAt(), clock.instant());
            case LAST_USED -> formats.when(k.lastUsedAt(), clock.instant());
        };
    }
}
