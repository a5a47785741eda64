package com.codexmanager.account.exporting;

import java.util.Locale;
import java.util.Optional;

/** The export formats of {@code account/export}, by wire name. */
public enum ExportFormat {
    /** Our format: one file with every account, round-trips group, tags, note, sort and status through import. */
    CODEXMANAGER("codexmanager"),
    /** One Codex CLI {@code auth.json} per account. */
    CODEX("codex"),
    /** One CLIProxyAPI codex credential file per account. */
    CLIPROXYAPI("cliproxyapi");

    private final String wireName;

    ExportFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ExportFormat> parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat format : values()) {
            if (format.wireName.equals(value)) {
                return Optional.of(format);
            }
        }
        return switch (value) {
            case "auth.json", "codex-auth", "codex_auth" -> Optional.of(CODEX);
            case "cpa", "cli-proxy-api" -> Optional.of(CLIPROXYAPI);
            case "native", "ours" -> Optional.of(CODEXMANAGER);
            default -> Optional.empty();
        };
    }
}
