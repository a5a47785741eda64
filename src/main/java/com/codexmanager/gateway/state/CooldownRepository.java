package com.codexmanager.gateway.state;

import com.codexmanager.gateway.routing.Cooldowns;
import com.codexmanager.store.Sql;
import java.util.List;

/** Persists cooldown entries in {@code gateway_cooldowns}. Thread-safe. */
public final class CooldownRepository implements Cooldowns.Store {
    private static final List<String> COLUMNS = List.of("account_id", "kind", "until_at", "offences",
            "last_offence");

    private final Sql sql;

    public CooldownRepository(Sql sql) {
        this.sql = sql;
    }

    /** One upsert: requests benching the same account at the same moment never fail on each other. */
    @Override
    public void save(Cooldowns.Entry entry) {
        sql.upsert("gateway_cooldowns", COLUMNS, 1, entry.accountId(), entry.kind().name(), entry.until(),
                entry.offences(), entry.lastOffence());
    }

    @Override
    public void delete(String accountId) {
        sql.update("DELETE FROM gateway_cooldowns WHERE account_id = ?", accountId);
    }

    @Override
    public List<Cooldowns.Entry> loadAll() {
        return sql.query("SELECT account_id, kind, until_at, offences, last_offence FROM gateway_cooldowns",
                rs -> new Cooldowns.Entry(rs.getString("account_id"), Cooldowns.Kind.valueOf(rs.getString("kind")),
                        Sql.instant(rs, "until_at"), rs.getInt("offences"), Sql.instant(rs, "last_offence")));
    }
}
