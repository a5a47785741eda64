package com.codexmanager.observability;

import com.codexmanager.json.Json;
import com.codexmanager.logging.Redactor;
import com.codexmanager.store.Sql;
import com.google.gson.reflect.TypeToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tables {@code request_logs} and {@code request_log_hourly}. Rows and their hourly totals are written in one
 * transaction, so the totals always match what was stored. Thread-safe.
 */
final class RequestLogRepository {
    static final long HOUR_MS = 3_600_000L;
    private static final String COLUMNS = "created_ms, trace_id, key_id, key_prefix, initial_account_id, "
            + "account_id, attempted_account_ids, method, path, adapted_path, client_model, model, reasoning_effort, "
            + "status_code, error_code, error_message, duration_ms, first_byte_ms, input_tokens, cached_input_tokens, "
            + "output_tokens, reasoning_output_tokens";
    private static final String INSERT = "INSERT INTO request_logs (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PAGE = "SELECT id, " + COLUMNS + " FROM request_logs WHERE %s "
            + "ORDER BY id DESC LIMIT ? OFFSET ?";
    private static final String CAPPED_COUNT = "SELECT COUNT(*) FROM (SELECT id FROM request_logs WHERE %s "
            + "LIMIT ?) capped";
    private static final String BUMP_HOUR = "UPDATE request_log_hourly SET requests = requests + ?, "
            + "successes = successes + ?, client_errors = client_errors + ?, server_errors = server_errors + ?, "
            + "input_tokens = input_tokens + ?, cached_input_tokens = cached_input_tokens + ?, "
            + "output_tokens = output_tokens + ?, reasoning_output_tokens = reasoning_output_tokens + ?, "
            + "duration_ms_total = duration_ms_total + ? "
            + "WHERE bucket_ms = ? AND key_id = ? AND account_id = ? AND model = ?";
    private static final String INSERT_HOUR = "INSERT INTO request_log_hourly (requests, successes, client_errors, "
            + "server_errors, input_tokens, cached_input_tokens, output_tokens, reasoning_output_tokens, "
            + "duration_ms_total, bucket_ms, key_id, account_id, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String HOURS = "SELECT bucket_ms, model, SUM(requests), SUM(successes), "
            + "SUM(client_errors), SUM(server_errors), SUM(input_tokens), SUM(cached_input_tokens), "
            + "SUM(output_tokens), SUM(reasoning_output_tokens) FROM request_log_hourly "
            + "WHERE bucket_ms >= ? AND bucket_ms < ? GROUP BY bucket_ms, model";
    private static final String RAW_TOTALS = "SELECT COALESCE(model, client_model, '') AS m, COUNT(*), "
            + "SUM(CASE WHEN status_code < 400 THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status_code BETWEEN 400 AND 499 THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status_code >= 500 THEN 1 ELSE 0 END), COALESCE(SUM(input_tokens), 0), "
            + "COALESCE(SUM(cached_input_tokens), 0), COALESCE(SUM(output_tokens), 0), "
            + "COALESCE(SUM(reasoning_output_tokens), 0) FROM request_logs "
            + "WHERE created_ms >= ? AND created_ms < ? GROUP BY COALESCE(model, client_model, '')";
    private static final String DELETE_OLDER = "DELETE FROM request_logs WHERE id IN (SELECT id FROM request_logs "
            + "WHERE created_ms < ? ORDER BY id FETCH FIRST %d ROWS ONLY)";
    private static final int DELETE_CHUNK = 10_000;

    /** Hourly totals of one model (summed over keys and accounts). */
    record HourRow(long bucketMs, String model, long requests, long successes, long clientErrors,
            long serverErrors, long inputTokens, long cachedInputTokens, long outputTokens,
            long reasoningOutputTokens) {
    }

    private record HourKey(long bucketMs, String keyId, String accountId, String model) {
    }

    private final Sql sql;

    RequestLogRepository(Sql sql) {
        this.sql = sql;
    }

    /** Stores the entries and adds them to their hourly totals, all in one transaction. */
    void insert(List<RequestLogEntry> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        Map<HourKey, long[]> hours = new LinkedHashMap<>();
        for (RequestLogEntry e : entries) {
            rows.add(row(e));
            long bucket = Math.floorDiv(e.startedAt().toEpochMilli(), HOUR_MS) * HOUR_MS;
            String model = e.model() != null ? e.model() : e.clientModel();
            HourKey key = new HourKey(bucket, nz(cut(e.keyId(), 32)), nz(cut(e.accountId(), 64)),
                    nz(cut(model, 128)));
            add(hours.computeIfAbsent(key, k -> new long[9]), e);
        }
        sql.inTransaction(() -> {
            sql.batch(INSERT, rows);
            for (Map.Entry<HourKey, long[]> h : hours.entrySet()) {
                Object[] params = hourParams(h.getKey(), h.getValue());
                if (sql.update(BUMP_HOUR, params) == 0) {
                    sql.update(INSERT_HOUR, params);
                }
            }
            return null;
        });
    }

    private static void add(long[] t, RequestLogEntry e) {
        int status = e.statusCode();
        TokenUsage u = e.tokens() == null ? TokenUsage.ZERO : e.tokens();
        t[0]++;
        t[1] += status < 400 ? 1 : 0;
        t[2] += status >= 400 && status < 500 ? 1 : 0;
        t[3] += status >= 500 ? 1 : 0;
        t[4] += u.inputTokens();
        t[5] += u.cachedInputTokens();
        t[6] += u.outputTokens();
        t[7] += u.reasoningOutputTokens();
        t[8] += e.durationMs();
    }

    private static Object[] hourParams(HourKey k, long[] t) {
        return new Object[] {t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], k.bucketMs(), k.keyId(),
                k.accountId(), k.model()};
    }

    /** The newest rows matching {@code filter}, newest (last written) first. */
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

    /** Hourly totals per model for whole hours in {@code [fromMs, toMs)}; both must be hour-aligned. */
    List<HourRow> hours(long fromMs, long toMs) {
        return sql.query(HOURS, rs -> new HourRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)),
                fromMs, toMs);
    }

    /** Totals per model of the stored rows in {@code [fromMs, toMs)}, reported in the hour bucket {@code bucketMs}. */
    List<HourRow> rawTotals(long fromMs, long toMs, long bucketMs) {
        return sql.query(RAW_TOTALS, rs -> new HourRow(bucketMs, rs.getString(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)),
                fromMs, toMs);
    }

    /** Deletes rows that arrived before {@code cutoff}, in chunks; returns how many. Hourly totals stay. */
    long deleteOlderThan(Instant cutoff) {
        long total = 0;
        String delete = String.format(DELETE_OLDER, DELETE_CHUNK);
        while (true) {
            int deleted = sql.update(delete, cutoff.toEpochMilli());
            total += deleted;
            if (deleted < DELETE_CHUNK) {
                return total;
            }
        }
    }

    /** Removes every row; the hourly totals too when {@code totals}. */
    void clear(boolean totals) {
        sql.update("TRUNCATE TABLE request_logs");
        if (totals) {
            sql.update("TRUNCATE TABLE request_log_hourly");
        }
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
                u == null ? null : u.outputTokens(), u == null ? null : u.reasoningOutputTokens()};
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
                rs.getString("method"), rs.getString("path"), rs.getString("adapted_path"),
                rs.getString("client_model"), rs.getString("model"), rs.getString("reasoning_effort"),
                rs.getInt("status_code"), rs.getString("error_code"), rs.getString("error_message"),
                rs.getLong("duration_ms"), nullableLong(rs, "first_byte_ms"), input,
                nullableLong(rs, "cached_input_tokens"), output, nullableLong(rs, "reasoning_output_tokens"),
                input == null && output == null ? null : (input == null ? 0 : input) + (output == null ? 0 : output));
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
