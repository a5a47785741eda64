package com.codexmanager.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Key/value settings saved over RPC (table {@code app_settings}). Thread-safe. */
public final class AppSettingsRepository {
    private final Sql sql;

    public AppSettingsRepository(Sql sql) {
        this.sql = sql;
    }

    public Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        sql.query("SELECT setting_key, setting_value FROM app_settings ORDER BY setting_key",
                rs -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Stores every entry in one transaction; a {@code null} value deletes the key. */
    public void putAll(Map<String, String> values, Instant now) {
        sql.inTransaction(() -> {
            for (Map.Entry<String, String> e : values.entrySet()) {
                sql.update("DELETE FROM app_settings WHERE setting_key = ?", e.getKey());
                if (e.getValue() != null) {
                    sql.update("INSERT INTO app_settings (setting_key, setting_value, updated_at) VALUES (?, ?, ?)",
                            e.getKey(), e.getValue(), now);
                }
            }
            return null;
        });
    }
}
