package com.codexmanager.observability;

import com.codexmanager.store.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Table {@code request_log_hourly} and its progress marker. {@link #rollUp} adds stored request-log rows to their
 * hour's totals in id order and advances {@code rolled_up_to_id} in the same transaction, so every row is counted
 * exactly once, even a row that arrives late for an old hour. Rows are only deleted once rolled up, so totals
 * survive retention and "clear".
 *
 * <p>Thread-safe: roll-ups, deletions and the summary read that combines totals with not-yet-rolled-up rows are
 * serialised on this object, so a summary never counts a row twice.
 */
final class HourlyTotals {
    private static final long CHUNK_ROWS = 50_000;
    private static final String WATERMARK = "SELECT rolled_up_to_id FROM request_log_rollup_state WHERE id = 1";
    private static final String SET_WATERMARK = "UPDATE request_log_rollup_state SET rolled_up_to_id = ? WHERE id = 1";
    private static final String AGGREGATE = "SELECT (created_ms / 3600000) * 3600000, COALESCE(key_id, ''), "
            + "COALESCE(model, client_model, ''), COUNT(*), "
            + "SUM(CASE WHEN status_code < 400 THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status_code BETWEEN 400 AND 499 THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status_code >= 500 THEN 1 ELSE 0 END), COALESCE(SUM(input_tokens), 0), "
            + "COALESCE(SUM(cached_input_tokens), 0), COALESCE(SUM(output_tokens), 0), "
            + "COALESCE(SUM(reasoning_output_tokens), 0), SUM(duration_ms) FROM request_logs "
            + "WHERE id > ? AND id <= ? GROUP BY (created_ms / 3600000) * 3600000, COALESCE(key_id, ''), "
            + "COALESCE(model, client_model, '')";
    private static final String BUMP = "UPDATE request_log_hourly SET requests = requests + ?, "
            + "successes = successes + ?, client_errors = client_errors + ?, server_errors = server_errors + ?, "
            + "input_tokens = input_tokens + ?, cached_input_tokens = cached_input_tokens + ?, "
            + "output_tokens = output_tokens + ?, reasoning_output_tokens = reasoning_output_tokens + ?, "
            + "duration_ms_total = duration_ms_total + ? "
            + "WHERE bucket_ms = ? AND key_id = ? AND model = ?";
    private static final String INSERT = "INSERT INTO request_log_hourly (requests, successes, client_errors, "
            + "server_errors, input_tokens, cached_input_tokens, output_tokens, reasoning_output_tokens, "
            + "duration_ms_total, bucket_ms, key_id, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String HOURS = "SELECT bucket_ms, model, SUM(requests), SUM(successes), "
            + "SUM(client_errors), SUM(server_errors), SUM(input_tokens), SUM(cached_input_tokens), "
            + "SUM(output_tokens), SUM(reasoning_output_tokens) FROM request_log_hourly "
            + "WHERE bucket_ms >= ? AND bucket_ms < ? GROUP BY bucket_ms, model";

    private static final String KEY_SUMS = "COALESCE(key_id, ''), COUNT(*), "
            + "SUM(CASE WHEN status_code >= 400 THEN 1 ELSE 0 END), COALESCE(SUM(input_tokens), 0), "
            + "COALESCE(SUM(cached_input_tokens), 0), COALESCE(SUM(output_tokens), 0)";
    private static final String KEY_HOURS = "SELECT key_id, SUM(requests), SUM(client_errors + server_errors), "
            + "SUM(input_tokens), SUM(cached_input_tokens), SUM(output_tokens) FROM request_log_hourly "
            + "WHERE bucket_ms >= ? AND bucket_ms < ? %s GROUP BY key_id";
    private static final String KEY_ROWS = "SELECT " + KEY_SUMS + " FROM request_logs "
            + "WHERE id > ? AND created_ms >= ? AND created_ms < ? %s GROUP BY COALESCE(key_id, '')";

    private final Sql sql;
    private final RequestLogRepository logs;

    HourlyTotals(Sql sql, RequestLogRepository logs) {
        this.sql = sql;
        this.logs = logs;
    }

    /** Rolls up every stored row not counted yet; returns how many rows were added to the totals. */
    synchronized long rollUp() {
        long target = logs.maxId();
        long rolled = 0;
        long from = watermark();
        while (from < target) {
            long to = Math.min(target, from + CHUNK_ROWS);
            rolled += rollUpRange(from, to);
            from = to;
        }
        return rolled;
    }

    private long rollUpRange(long afterId, long upToId) {
        return sql.inTransaction(() -> {
            List<Object[]> groups = sql.query(AGGREGATE, rs -> new Object[] {rs.getLong(4), rs.getLong(5),
                    rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                    rs.getLong(12), rs.getLong(1), rs.getString(2), rs.getString(3)}, afterId, upToId);
            int[] updated = groups.isEmpty() ? new int[0] : sql.batch(BUMP, groups);
            List<Object[]> fresh = new ArrayList<>();
            long rows = 0;
            for (int i = 0; i < groups.size(); i++) {
                rows += (Long) groups.get(i)[0];
                if (updated[i] == 0) {
                    fresh.add(groups.get(i));
                }
            }
            if (!fresh.isEmpty()) {
                sql.batch(INSERT, fresh);
            }
            sql.update(SET_WATERMARK, upToId);
            return rows;
        });
    }

    /**
     * Totals per hour and model for whole hours in {@code [fromMs, toMs)} (hour-aligned): the rolled-up totals
     * plus the stored rows not rolled up yet.
     */
    synchronized List<RequestLogRepository.HourRow> fullHours(long fromMs, long toMs) {
        List<RequestLogRepository.HourRow> rows = new ArrayList<>(sql.query(HOURS, RequestLogRepository::hourRow,
                fromMs, toMs));
        rows.addAll(logs.recentTotals(watermark(), fromMs, toMs));
        return rows;
    }

    /**
     * Totals per key over {@code [fromMs, toMs)}: whole hours from the rolled-up totals plus rows not rolled up
     * yet, partial edge hours from stored rows (rows already pruned by retention are missing there, as in
     * summaries).
     *
     * @param keyId one key, or {@code null} for every key
     */
    synchronized java.util.Map<String, KeyTotals> keyTotals(String keyId, long fromMs, long toMs) {
        long hour = RequestLogRepository.HOUR_MS;
        long firstFull = Math.floorDiv(fromMs + hour - 1, hour) * hour;
        long lastFull = Math.max(firstFull, Math.floorDiv(toMs, hour) * hour);
        java.util.Map<String, KeyTotals> out = new java.util.LinkedHashMap<>();
        String keyFilter = keyId == null ? "" : "AND key_id = ?";
        if (firstFull < lastFull && firstFull < toMs) {
            add(out, sql.query(String.format(KEY_HOURS, keyFilter), HourlyTotals::keyRow,
                    params(keyId, firstFull, lastFull)));
            add(out, sql.query(String.format(KEY_ROWS, keyFilter), HourlyTotals::keyRow,
                    params(keyId, watermark(), firstFull, lastFull)));
        }
        long[][] edges = firstFull >= toMs ? new long[][] {{fromMs, toMs}}
                : new long[][] {{fromMs, firstFull}, {lastFull, toMs}};
        for (long[] edge : edges) {
            if (edge[0] < edge[1]) {
                add(out, sql.query(String.format(KEY_ROWS, keyFilter), HourlyTotals::keyRow,
                        params(keyId, -1, edge[0], edge[1])));
            }
        }
        return out;
    }

    private static Object[] params(String keyId, long... values) {
        java.util.List<Object> out = new ArrayList<>();
        for (long value : values) {
            out.add(value);
        }
        if (keyId != null) {
            out.add(keyId);
        }
        return out.toArray();
    }

    private static KeyTotals keyRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new KeyTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6));
    }

    private static void add(java.util.Map<String, KeyTotals> out, List<KeyTotals> rows) {
        for (KeyTotals row : rows) {
            out.merge(row.keyId(), row, KeyTotals::plus);
        }
    }

    /** Rolls up, then deletes rows that arrived before {@code cutoff}; returns how many were deleted. */
    synchronized long pruneOlderThan(Instant cutoff) {
        rollUp();
        return logs.deleteOlderThan(cutoff, watermark());
    }

    /** Deletes every stored row, first counting them into the totals unless {@code includeTotals}. */
    synchronized void clear(boolean includeTotals) {
        if (includeTotals) {
            long max = logs.maxId();
            logs.truncate();
            sql.update("TRUNCATE TABLE request_log_hourly");
            sql.update(SET_WATERMARK, Math.max(max, logs.maxId()));
            return;
        }
        rollUp();
        logs.deleteUpTo(watermark());
    }

    long watermark() {
        return sql.count(WATERMARK);
    }
}
