package com.codexmanager.gateway.state;

import com.codexmanager.store.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The cached upstream model list in {@code gateway_model_cache}. Thread-safe. */
public final class ModelCacheRepository {
    private static final String KEY = "codex";

    /** A cached model list body with its ETag (may be {@code null}). */
    public record Cached(String etag, String body, Instant fetchedAt) {
    }

    private final Sql sql;

    public ModelCacheRepository(Sql sql) {
        this.sql = sql;
    }

    public Optional<Cached> load() {
        return sql.queryOne("SELECT etag, body, fetched_at FROM gateway_model_cache WHERE cache_key = ?",
                rs -> new Cached(rs.getString("etag"), rs.getString("body"), Sql.instant(rs, "fetched_at")), KEY);
    }

    public void save(Cached cached) {
        sql.upsert("gateway_model_cache", List.of("cache_key", "etag", "body", "fetched_at"), 1, KEY, cached.etag(),
                cached.body(), cached.fetchedAt());
    }
}
