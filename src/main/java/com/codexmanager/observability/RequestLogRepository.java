package com.codexmanager.observability;

import com.codexmanager.json.Json;
import com.codexmanager.logging.Redactor;
import com.codexmanager.store.Sql;
import com.google.gson.reflect.TypeToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Table {@code request_logs}: batched inserts, filtered pages, capped counts, per-hour totals of stored rows and
 * chunked deletes. Thread-safe.
 */
final class RequestLogRepository {
    static final long HOUR_MS = 3_600_000L;
    private static final String COLUMNS = "created_ms, trace_id, key_id, key_prefix, initial_account_id, "
            + "account_id, attempted_account_ids, method, path, adapted_path, client_model, model, reasoning_effort, "
            + "status_code, error_code, error_message, duration_ms, first_byte_ms, input_tokens, cached_input_tokens, "
            + "output_tokens, reasoning_output_tokens, transport, instance_name";
    private static final String INSERT = "INSERT INTO request_logs (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PAGE = "SELECT id, " + COLUMNS + " FROM request_logs WHERE %s "
            + "ORDER BY created_ms DESC, id DESC LIMIT ? OFFSET ?";
    private static final String CAPPED_COUNT = "SELECT COUNT(*) FROM (SELECT id FROM request_logs WHERE %s "
            + "LIMIT ?) capped";
    private static final String RAW_TOTALS = "SELECT COALESCE(model, client_model, '') AS m, COUNT(*), "
            + "SUM(CASE WHEN status_code < 400 THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status_code BETWEEN 400 AND 499 THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status_code >= 500 THEN 1 ELSE 0 END), COALESCE(SUM(input_tokens), 0), "
            + "COALESCE(SUM(cached_input_tokens), 0), COALESCE(SUM(output_tokens), 0), "
            + "COALESCE(SUM(reasoning_output_tokens), 0) FROM request_logs "
            + "WHERE created_ms >= ? AND created_ms < ? GROUP BY COALESCE(model, client_model, '')";
    private static final String RECENT_TOTALS = "SELECT (created_ms / 3600000) * 3600000 AS b, "
            + "COALESCE(model, client_model, '') AS m, COUNT(*), "
            + "SUM(CASE WHEN status_code < 400 THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status_code BETWEEN 400 AND 499 THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status_code >= 500 THEN 1 ELSE 0 END), COALESCE(SUM(input_tokens), 0), "
            + "COALESCE(SUM(cached_input_tokens), 0), COALESCE(SUM(output_tokens), 0), "
            + "COALESCE(SUM(reasoning_output_tokens), 0) FROM request_logs "
            + "WHERE id > ? AND created_ms >= ? AND created_ms < ? "
            + "GROUP BY (created_ms / 3600000) * 3600000, COALESCE(model, client_model, '')";
    private static final String DELETE_OLDER = "DELETE FROM request_logs WHERE id IN (SELECT id FROM request_logs "
            + "WHERE id <= ? AND created_ms < ? ORDER BY id FETCH FIRST %d ROWS ONLY)";
    private static final String DELETE_UP_TO = "DELETE FROM request_logs WHERE id IN (SELECT id FROM request_logs "
            + "WHERE id <= ? ORDER BY id FETCH FIRST %d ROWS ONLY)";
    private static final int DELETE_CHUNK = 10_000;
    private static final String ACCOUNT_TRAFFIC = "SELECT account_id, %s, COUNT(*), "
            + "COALESCE(SUM(input_tokens), 0) + COALESCE(SUM(output_tokens), 0) FROM request_logs "
            + "WHERE created_ms >= ? AND created_ms < ? AND account_id IS NOT NULL AND status_code < 400 "
            + "GROUP BY account_id%s";
    private static final String HOUR_BUCKET = "(created_ms / 3600000) * 3600000";

    /** Hourly totals of one model (summed over keys and accounts). */
    record HourRow(long bucketMs, String model, long requests, long successes, long clientErrors,
            long serverErrors, long inputTokens, long cachedInputTokens, long outputTokens,
            long reasoningOutputTokens) {
    }

    /** Serialises the inserts of every instance sharing the database (an arbitrary but fixed lock number). */
    private static final long INSERT_LOCK = 0x636d2d6c6f67L;

    private final Sql sql;
    private final boolean severalWriters;

    RequestLogRepository(Sql sql) {
        this(sql, false);
    }

    /**
     * @param severalWriters whether other instances sharing the database insert rows too: then each batch takes a
     *                       database lock before it draws its ids, so ids still commit in increasing order
     */
    RequestLogRepository(Sql sql, boolean severalWriters) {
        this.sql = sql;
        this.severalWriters = severalWriters;
    }

    /**
     * Stores the entries in one transaction. Called from one writer thread per instance; batches of several
     * instances are serialised by a lock, so row ids become visible in increasing order; {@link HourlyTotals}
     * relies on that to roll up by id.
     */
    void insert(List<RequestLogEntry> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (RequestLogEntry e : entries) {
            rows.add(row(e));
        }
        sql.inTransaction(() -> {
            if (severalWriters) {
                sql.query("SELECT pg_advisory_xact_lock(?)", rs -> Boolean.TRUE, INSERT_LOCK);
            }
            return sql.batch(INSERT, rows);
        });
    }

    long maxId() {
        return sql.count("SELECT COALESCE(MAX(id), 0) FROM request_logs");
    }

    /** The rows matching {@code filter}, newest request first (the time index gives the order). */
    List<RequestLogItem> page(RequestLogFilter filter, int limit, long offset) {
        LogQuery.Condition where = filter.where();
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        params.add(offset);
        return sql.query(String.format(PAGE, where.sql()), RequestLogRepository::item, params.toArray());
    }

    /** How many rows match, counting at most {@code cap} of them. */
    long countUpTo(RequestLogFilter filter, long cap) {
        LogQuery.Condition where = filter.where();
        List<Object> params = new ArrayList<>(where.params());
        params.add(cap);
        return sql.count(String.format(CAPPED_COUNT, where.sql()), params.toArray());
    }

    /** Per hour and model, the rows with {@code id > afterId} (not rolled up yet) in {@code [fromMs, toMs)}. */
    List<HourRow> recentTotals(long afterId, long fromMs, long toMs) {
        return sql.query(RECENT_TOTALS, RequestLogRepository::hourRow, afterId, fromMs, toMs);
    }

    static HourRow hourRow(ResultSet rs) throws SQLException {
        return new HourRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10));
    }

    /** Served requests and input plus output tokens of one account in one span (or hour) starting at {@code fromMs}. */
    record AccountTrafficRow(String accountId, long fromMs, long requests, long tokens) {
    }

    /**
     * Served (status below 400) requests and tokens per account in {@code [fromMs, toMs)}: one row per account, or
     * one per account and hour when {@code hourly}.
     */
    List<AccountTrafficRow> accountTraffic(long fromMs, long toMs, boolean hourly) {
        String sql = hourly ? String.format(ACCOUNT_TRAFFIC, HOUR_BUCKET, ", " + HOUR_BUCKET)
                : String.format(ACCOUNT_TRAFFIC, Long.toString(fromMs), "");
        return this.sql.query(sql, rs -> new AccountTrafficRow(rs.getString(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4)), fromMs, toMs);
    }

    /** Totals per model of the stored rows in {@code [fromMs, toMs)}, reported in the hour bucket {@code bucketMs}. */
    List<HourRow> rawTotals(long fromMs, long toMs, long bucketMs) {
        return sql.query(RAW_TOTALS, rs -> new HourRow(bucketMs, rs.getString(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)),
                fromMs, toMs);
    }

    /** Deletes rolled-up rows ({@code id <= maxId}) that arrived before {@code cutoff}, in chunks. */
    long deleteOlderThan(Instant cutoff, long maxId) {
        return deleteChunks(String.format(DELETE_OLDER, DELETE_CHUNK), maxId, cutoff.toEpochMilli());
    }

    /** Deletes every row with {@code id <= maxId}, in chunks. */
    long deleteUpTo(long maxId) {
        return deleteChunks(String.format(DELETE_UP_TO, DELETE_CHUNK), maxId);
    }

    private long deleteChunks(String delete, Object... params) {
        long total = 0;
        while (true) {
            int deleted = sql.update(delete, params);
            total += deleted;
            if (deleted < DELETE_CHUNK) {
                return total;
            }
        }
    }

    void truncate() {
        sql.update("TRUNCATE TABLE request_logs");
    }

    private static Object[] row(RequestLogEntry e) {
        TokenUsage u = e.tokens();
        String attempted = attemptedJson(e.attemptedAccountIds());
        return new Object[] {e.startedAt().toEpochMilli(), cut(e.traceId(), 64), cut(e.keyId(), 32),
                cut(e.keyPrefix(), 16), cut(e.initialAccountId(), 64), cut(e.accountId(), 64), attempted,
                cut(e.method(), 16), cut(Redactor.redact(e.path()), 512), cut(Redactor.redact(e.adaptedPath()), 512),
                cut(e.clientModel(), 128), cut(e.model(), 128), cut(e.reasoningEffort(), 16), e.statusCode(),
                cut(e.errorCode(), 64), cut(Redactor.redact(e.errorMessage()), 1000), e.durationMs(),
                e.firstByteMs(), u == null ? null : u.inputTokens(), u == null ? null : u.cachedInputTokens(),
                u == null ? null : u.outputTokens(), u == null ? null : u.reasoningOutputTokens(),
                cut(e.transport(), 16), cut(e.instanceName(), 128)};
    }

    /** JSON array of the attempted ids; trailing ids are left out rather than cutting the JSON. */
    private static String attemptedJson(List<String> ids) {
        if (ids.isEmpty()) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String id : ids) {
            kept.add(cut(id, 64));
            if (Json.write(kept).length() > 2000) {
                kept.remove(kept.size() - 1);
                break;
            }
        }
        return Json.write(kept);
    }

    private static RequestLogItem item(ResultSet rs) throws SQLException {
        long createdMs = rs.getLong("created_ms");
        String attempted = rs.getString("attempted_account_ids");
        Long input = nullableLong(rs, "input_tokens");
        Long output = nullableLong(rs, "output_tokens");
        return new RequestLogItem(rs.getLong("id"), Instant.ofEpochMilli(createdMs), createdMs,
                rs.getString("trace_id"), rs.getString("key_id"), rs.getString("key_prefix"),
                rs.getString("initial_account_id"), rs.getString("account_id"),
                attempted == null ? List.of() : Json.GSON.fromJson(attempted,
                        new TypeToken<List<String>>() { }.getType()),
                transport(rs.getString("transport")), rs.getString("method"), rs.getString("path"),
                rs.getString("adapted_path"), rs.getString("client_model"), rs.getString("model"),
                rs.getString("reasoning_effort"),
                rs.getInt("status_code"), rs.getString("error_code"), rs.getString("error_message"),
                rs.getLong("duration_ms"), nullableLong(rs, "first_byte_ms"), input,
                nullableLong(rs, "cached_input_tokens"), output, nullableLong(rs, "reasoning_output_tokens"),
                input == null && output == null ? null : (input == null ? 0 : input) + (output == null ? 0 : output),
                rs.getString("instance_name"));
    }

    /**
     * Per key ({@link KeyActivity}, recent = started at or after {@code recentFromMs}), the rows since
     * {@code fromMs} served by instances other than {@code instance} ({@code others}), or by
     * {@code instance} itself and rows that name no instance (not {@code others}).
     */
    List<KeyActivity> keyActivity(long fromMs, long recentFromMs, String instance, boolean others) {
        String whose = others ? "instance_name IS NOT NULL AND instance_name <> ?"
                : "(instance_name = ? OR instance_name IS NULL)";
        return sql.query("SELECT key_id, SUM(CASE WHEN created_ms >= ? AND (error_code IS NULL OR error_code NOT IN "
                + "('key_limit_exceeded', 'server_busy')) THEN 1 ELSE 0 END), "
                + "SUM(COALESCE(input_tokens, 0) + COALESCE(output_tokens, 0)) FROM request_logs "
                + "WHERE created_ms >= ? AND key_id IS NOT NULL AND " + whose + " GROUP BY key_id",
                rs -> new KeyActivity(rs.getString(1), rs.getLong(2), rs.getLong(3)), recentFromMs, fromMs,
                instance);
    }

    private static String transport(String stored) {
        return stored == null ? RequestLogEntry.HTTP : stored;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
