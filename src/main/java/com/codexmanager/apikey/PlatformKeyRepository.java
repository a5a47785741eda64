package com.codexmanager.apikey;

import com.codexmanager.json.Json;
import com.codexmanager.store.Sql;
import com.google.gson.reflect.TypeToken;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Table {@code platform_keys}. Thread-safe; holds no state besides the {@link Sql} helper. */
final class PlatformKeyRepository {
    private static final String COLUMNS = "id, name, key_hash, key_prefix, protocol_type, model_slug, "
            + "reasoning_effort, allowed_models, account_group, expires_at, upstream_base_url, azure_api_key_sealed, "
            + "status, created_at, updated_at, last_used_at, requests_per_minute, tokens_per_day";
    private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM platform_keys ORDER BY created_at, id";
    private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM platform_keys WHERE id = ?";
    private static final String INSERT = "INSERT INTO platform_keys (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_SPEC = "UPDATE platform_keys SET name = ?, protocol_type = ?, model_slug = ?, "
            + "reasoning_effort = ?, allowed_models = ?, account_group = ?, expires_at = ?, upstream_base_url = ?, "
            + "azure_api_key_sealed = ?, updated_at = ?, requests_per_minute = ?, tokens_per_day = ? WHERE id = ?";
    private static final String UPDATE_STATUS = "UPDATE platform_keys SET status = ?, updated_at = ? WHERE id = ?";
    private static final String UPDATE_LAST_USED = "UPDATE platform_keys SET last_used_at = ? WHERE id = ?";
    private static final String DELETE = "DELETE FROM platform_keys WHERE id = ?";
    private static final String ACTIVE = "active";
    private static final String DISABLED = "disabled";

    private final Sql sql;

    PlatformKeyRepository(Sql sql) {
        this.sql = sql;
    }

    List<PlatformKey> all() {
        return sql.query(SELECT_ALL, PlatformKeyRepository::map);
    }

    Optional<PlatformKey> find(String id) {
        return sql.queryOne(SELECT_ONE, PlatformKeyRepository::map, id);
    }

    void insert(PlatformKey key) {
        KeySpec s = key.spec();
        sql.update(INSERT, key.id(), s.name(), key.keyHash(), key.keyPrefix(), s.protocolType().wireName(),
                s.modelSlug(), effort(s), allowedJson(s), s.accountGroup(), s.expiresAt(), url(s),
                key.sealedAzureKey(), key.enabled() ? ACTIVE : DISABLED, key.createdAt(), key.updatedAt(),
                key.lastUsedAt(), s.limits().requestsPerMinute(), s.limits().tokensPerDay());
    }

    boolean updateSpec(PlatformKey key) {
        KeySpec s = key.spec();
        return sql.update(UPDATE_SPEC, s.name(), s.protocolType().wireName(), s.modelSlug(), effort(s),
                allowedJson(s), s.accountGroup(), s.expiresAt(), url(s), key.sealedAzureKey(), key.updatedAt(),
                s.limits().requestsPerMinute(), s.limits().tokensPerDay(), key.id()) == 1;
    }

    boolean updateStatus(String id, boolean enabled, Instant now) {
        return sql.update(UPDATE_STATUS, enabled ? ACTIVE : DISABLED, now, id) == 1;
    }

    void updateLastUsed(String id, Instant at) {
        sql.relaxed().update(UPDATE_LAST_USED, at, id);
    }

    boolean delete(String id) {
        return sql.update(DELETE, id) == 1;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static String effort(KeySpec s) {
        return s.reasoningEffort() == null ? null : s.reasoningEffort().wireName();
    }

    private static String allowedJson(KeySpec s) {
        return s.allowedModels().isEmpty() ? null : Json.write(s.allowedModels());
    }

    private static String url(KeySpec s) {
        return s.upstreamBaseUrl() == null ? null : s.upstreamBaseUrl().toString();
    }

    private static PlatformKey map(ResultSet rs) throws SQLException {
        String allowed = rs.getString("allowed_models");
        String effort = rs.getString("reasoning_effort");
        String url = rs.getString("upstream_base_url");
        KeySpec spec = new KeySpec(rs.getString("name"),
                ProtocolType.parse(rs.getString("protocol_type")).orElseThrow(
                        () -> new SQLException("unknown protocol_type in platform_keys")),
                rs.getString("model_slug"),
                effort == null ? null : ReasoningEffort.parse(effort).orElse(null),
                allowed == null ? List.of() : Json.GSON.fromJson(allowed, new TypeToken<List<String>>() { }.getType()),
                rs.getString("account_group"), Sql.instant(rs, "expires_at"), url == null ? null : URI.create(url),
                new KeyLimits(nullableInt(rs, "requests_per_minute"), nullableLong(rs, "tokens_per_day")));
        return new PlatformKey(rs.getString("id"), spec, rs.getString("key_hash"), rs.getString("key_prefix"),
                rs.getString("azure_api_key_sealed"), ACTIVE.equals(rs.getString("status")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "last_used_at"));
    }
}
