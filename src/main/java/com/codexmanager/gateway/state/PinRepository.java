package com.codexmanager.gateway.state;

import com.codexmanager.store.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The quick-switch pin in {@code gateway_state}, so it holds across restarts until cleared. Thread-safe. */
public final class PinRepository {
    private static final String KEY = "pinned_account";

    private final Sql sql;

    public PinRepository(Sql sql) {
        this.sql = sql;
    }

    public Optional<String> load() {
        return sql.queryOne("SELECT state_value FROM gateway_state WHERE state_key = ?", rs -> rs.getString(1), KEY);
    }

    /** @param accountId the pinned account, or {@code null} to clear the pin */
    public void save(String accountId, Instant now) {
        if (accountId == null) {
            sql.update("DELETE FROM gateway_state WHERE state_key = ?", KEY);
        } else {
            sql.upsert("gateway_state", List.of("state_key", "state_value", "updated_at"), 1, KEY, accountId, now);
        }
    }
}
