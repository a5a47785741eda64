package com.codexmanager.usage;

import com.codexmanager.json.Json;
import com.codexmanager.store.Sql;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * SQL for {@code usage_snapshots} (history) and {@code usage_latest} (one row per account). Rows go away with their
 * account (foreign keys cascade). Thread-safe.
 */
final class UsageRepository {
    private static final String COLUMNS = "account_id, captured_at, source, plan_type, limit_reached, used_percent,"
            + " window_minutes, resets_at, secondary_used_percent, secondary_window_minutes, secondary_resets_at,"
            + " credits_json, additional_limits_json";
    private static final String VALUES = " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_HISTORY = "INSERT INTO usage_snapshots (" + COLUMNS + ")" + VALUES;
    private static final List<String> LATEST_COLUMNS = List.of(COLUMNS.split(",\\s*"));
    private static final String SELECT_LATEST = "SELECT " + COLUMNS + " FROM usage_latest";
    private static final String SELECT_HISTORY = "SELECT " + COLUMNS + " FROM usage_snapshots WHERE account_id = ?"
            + " AND captured_at >= ? AND captured_at <= ? ORDER BY captured_at ASC, id ASC LIMIT ?";
    private static final String PRUNE = "DELETE FROM usage_snapshots WHERE captured_at < ?";
    private static final Type LIMIT_LIST = new TypeToken<List<AdditionalLimit>>() { }.getType();
    private static final int MAX_CREDITS_CHARS = 8192;
    private static final int MAX_LIMITS_CHARS = 16384;

    private final Sql sql;

    UsageRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * Appends to the history, then replaces the latest row with one upsert (so a poll and a gateway reply that save
     * the same account at once never fail on each other).
     */
    void save(UsageSnapshot s) {
        Object[] row = params(s);
        sql.update(INSERT_HISTORY, row);
        sql.upsert("usage_latest", LATEST_COLUMNS, 1, row);
    }

    List<UsageSnapshot> latest() {
        return sql.query(SELECT_LATEST, UsageRepository::map);
    }

    /** Oldest first, at most {@code limit} rows. */
    List<UsageSnapshot> history(String accountId, Instant from, Instant to, int limit) {
        return sql.query(SELECT_HISTORY, UsageRepository::map, accountId, from, to, limit);
    }

    /** Deletes history captured before {@code cutoff}; the latest rows stay. Returns the rows deleted. */
    int pruneBefore(Instant cutoff) {
        return sql.update(PRUNE, cutoff);
    }

    private static Object[] params(UsageSnapshot s) {
        UsageWindow p = s.primary() == null ? new UsageWindow(null, null, null) : s.primary();
        UsageWindow w = s.secondary() == null ? new UsageWindow(null, null, null) : s.secondary();
        String limits = s.additionalLimits().isEmpty() ? null : Json.write(s.additionalLimits());
        return new Object[] {s.accountId(), s.capturedAt(), s.source(), cap(s.planType(), 64), s.limitReached(),
                p.usedPercent(), p.windowMinutes(), p.resetsAt(), w.usedPercent(), w.windowMinutes(), w.resetsAt(),
                cap(s.creditsJson(), MAX_CREDITS_CHARS), limits == null || limits.length() > MAX_LIMITS_CHARS ? null
                        : limits};
    }

    /** Oversized upstream text is dropped rather than failing the write. */
    private static String cap(String text, int max) {
        return text == null || text.length() <= max ? text : null;
    }

    private static UsageSnapshot map(ResultSet rs) throws SQLException {
        String limits = rs.getString("additional_limits_json");
        List<AdditionalLimit> additional = limits == null ? List.of() : Json.GSON.fromJson(limits, LIMIT_LIST);
        return new UsageSnapshot(rs.getString("account_id"), Sql.instant(rs, "captured_at"),
                UsageSource.parse(rs.getString("source")), rs.getString("plan_type"), rs.getBoolean("limit_reached"),
                window(rs, "used_percent", "window_minutes", "resets_at"),
                window(rs, "secondary_used_percent", "secondary_window_minutes", "secondary_resets_at"),
                rs.getString("credits_json"), additional);
    }

    private static UsageWindow window(ResultSet rs, String used, String minutes, String resets) throws SQLException {
        double usedValue = rs.getDouble(used);
        Double usedPercent = rs.wasNull() ? null : usedValue;
        long minutesValue = rs.getLong(minutes);
        Long windowMinutes = rs.wasNull() ? null : minutesValue;
        Instant resetsAt = Sql.instant(rs, resets);
        if (usedPercent == null && windowMinutes == null && resetsAt == null) {
            return null;
        }
        return new UsageWindow(usedPercent, windowMinutes, resetsAt);
    }
}
