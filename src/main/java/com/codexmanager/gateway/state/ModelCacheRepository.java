package com.codexmanager.gateway.state;

import com.codexmanager.store.Sql;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cached upstream model lists in {@code gateway_model_cache}, one row per plan ({@code plan:<plan>}; an
 * unknown plan is {@code plan:}). Thread-safe.
 */
public final class ModelCacheRepository {
    private static final String PLAN_PREFIX = "plan:";

    /** A cached model list body with its ETag (may be {@code null}). */
    public record Cached(String etag, String body, Instant fetchedAt) {
    }

    private final Sql sql;

    public ModelCacheRepository(Sql sql) {
        this.sql = sql;
    }

    /** Every cached plan's list, by plan ({@code ""} = unknown plan). */
    public Map<String, Cached> loadAll() {
        Map<String, Cached> out = new LinkedHashMap<>();
        List<Map.Entry<String, Cached>> rows = sql.query("SELECT cache_key, etag, body, fetched_at "
                + "FROM gateway_model_cache WHERE cache_key LIKE ? ORDER BY cache_key", rs -> Map.entry(
                        rs.getString("cache_key").substring(PLAN_PREFIX.length()),
                        new Cached(rs.getString("etag"), rs.getString("body"), Sql.instant(rs, "fetched_at"))),
                PLAN_PREFIX + "%");
        rows.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    public void save(String plan, Cached cached) {
        sql.upsert("gateway_model_cache", List.of("cache_key", "etag", "body", "fetched_at"), 1, PLAN_PREFIX + plan,
                cached.etag(), cached.body(), cached.fetchedAt());
    }
}
