package com.codexmanager.account;

import com.codexmanager.json.Json;
import com.codexmanager.store.Sql;
import com.google.gson.reflect.TypeToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for the {@code accounts} table. Every method is one statement or one transaction; values are always bound.
 * Construct it publicly, use it through the services of this package. Thread-safe.
 */
public final class AccountRepository {
    private static final String COLUMNS = "id, identity_key, label, email, chatgpt_account_id, user_id, workspace_id,"
            + " plan_type, group_name, tags, sort, note, status, status_reason, access_token_enc, refresh_token_enc,"
            + " id_token_enc, token_version, access_token_expires_at, last_refresh_at, refresh_failures,"
            + " next_refresh_attempt_at, created_at, updated_at, last_used_at, limited_until";
    private static final String ORDER = " ORDER BY sort ASC, updated_at DESC, id ASC";
    private static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM accounts WHERE id = ?";
    private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM accounts" + ORDER;
    private static final String SELECT_BY_IDENTITY = "SELECT " + COLUMNS + " FROM accounts WHERE identity_key IN ";
    private static final String SELECT_BY_STATUS = "SELECT " + COLUMNS + " FROM accounts WHERE status = ?" + ORDER;
    private static final String INSERT = "INSERT INTO accounts (" + COLUMNS + ") VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE accounts SET identity_key = ?, label = ?, email = ?,"
            + " chatgpt_account_id = ?, user_id = ?, workspace_id = ?, plan_type = ?, group_name = ?, tags = ?,"
            + " sort = ?, note = ?, status = ?, status_reason = ?, access_token_enc = ?, refresh_token_enc = ?,"
            + " id_token_enc = ?, token_version = ?, access_token_expires_at = ?, last_refresh_at = ?,"
            + " refresh_failures = ?, next_refresh_attempt_at = ?, created_at = ?, updated_at = ?, last_used_at = ?,"
            + " limited_until = ? WHERE id = ?";
    private static final String MAX_SORT = "SELECT COALESCE(MAX(sort), 0) FROM accounts";
    private static final String UPDATE_SORT = "UPDATE accounts SET sort = ?, updated_at = ? WHERE id = ?";
    private static final String UPDATE_STATUS = "UPDATE accounts SET status = ?, status_reason = ?, updated_at = ?"
            + " WHERE id = ?";
    private static final String UPDATE_REFRESH_FAILURE = "UPDATE accounts SET refresh_failures = refresh_failures + 1,"
            + " next_refresh_attempt_at = ? WHERE id = ?";
    private static final String STORE_ROTATED = "UPDATE accounts SET email = COALESCE(?, email),"
            + " plan_type = COALESCE(?, plan_type), access_token_enc = ?,"
            + " refresh_token_enc = COALESCE(?, refresh_token_enc), id_token_enc = COALESCE(?, id_token_enc),"
            + " token_version = token_version + 1, access_token_expires_at = ?, last_refresh_at = ?,"
            + " refresh_failures = 0, next_refresh_attempt_at = NULL, updated_at = ? WHERE id = ?";
    private static final String UPDATE_LAST_USED = "UPDATE accounts SET last_used_at = ? WHERE id = ?";
    private static final String MARK_LIMITED = "UPDATE accounts SET status = 'limited', status_reason = ?,"
            + " limited_until = ?, updated_at = ? WHERE id = ? AND status IN ('active', 'limited')";
    private static final String CLEAR_LIMIT = "UPDATE accounts SET status = 'active', status_reason = NULL,"
            + " limited_until = NULL, updated_at = ? WHERE id = ? AND status = 'limited'";
    private static final String SELECT_EXPIRED_LIMITS = "SELECT id FROM accounts WHERE status = 'limited'"
            + " AND limited_until <= ?";
    private static final String RELEASE_LIMIT = "UPDATE accounts SET status = 'active', status_reason = NULL,"
            + " limited_until = NULL, updated_at = ? WHERE id = ? AND status = 'limited' AND limited_until <= ?";
    private static final String NEXT_LIMIT_EXPIRY = "SELECT MIN(limited_until) FROM accounts"
            + " WHERE status = 'limited'";
    private static final String DELETE = "DELETE FROM accounts WHERE id = ?";
    private static final String SELECT_PROXIES = "SELECT id, proxy_url, proxy_password_enc FROM accounts"
            + " WHERE proxy_url IS NOT NULL";
    private static final String UPDATE_PROXY = "UPDATE accounts SET proxy_url = ?, proxy_password_enc = ?,"
            + " updated_at = ? WHERE id = ?";
    private static final String DUE_FOR_REFRESH = "SELECT id FROM accounts WHERE status IN ('active', 'limited')"
            + " AND refresh_token_enc IS NOT NULL"
            + " AND (next_refresh_attempt_at IS NULL OR next_refresh_attempt_at <= ?)"
            + " AND (access_token_expires_at <= ?"
            + " OR (access_token_expires_at IS NULL AND COALESCE(last_refresh_at, created_at) <= ?))"
            + " ORDER BY access_token_expires_at ASC LIMIT ?";
    private static final String COUNT = "SELECT COUNT(*) FROM accounts";
    private static final String WHERE_QUERY = "(LOWER(label) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(email, '')) LIKE ?"
            + " ESCAPE '\\' OR LOWER(id) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(chatgpt_account_id, '')) LIKE ?"
            + " ESCAPE '\\' OR LOWER(COALESCE(note, '')) LIKE ? ESCAPE '\\' OR LOWER(tags) LIKE ? ESCAPE '\\')";
    private static final java.lang.reflect.Type TAG_LIST = new TypeToken<List<String>>() { }.getType();

    private final Sql sql;
    private final Object limitLock = new Object();
    /** Earliest {@code limited_until} of a limited account; {@link Instant#MIN} = unknown, null = none. */
    private Instant nextLimitExpiry = Instant.MIN;

    /** Bumped on every write that changes what routing sees (rows, sorts, statuses). */
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private final boolean sharedDatabase;

    /**
     * A counter that changes after every committed write affecting routing, so a cached view can tell cheaply that
     * it is stale.
     */
    public long version() {
        return version.get();
    }

    public AccountRepository(Sql sql) {
        this(sql, false);
    }

    /**
     * @param sharedDatabase whether other instances use the same database (then {@link #exclusively} takes a
     *                       database lock; otherwise the in-process single flight is enough)
     */
    public AccountRepository(Sql sql, boolean sharedDatabase) {
        this.sql = sql;
        this.sharedDatabase = sharedDatabase;
    }

    /**
     * Runs {@code work} (a token refresh) while no other instance of a shared database runs one for this account:
     * a transaction-scoped PostgreSQL advisory lock keyed by the account, which blocks no other write to the row.
     * The work joins that transaction, so what it stores commits right when it returns and the lock goes with the
     * commit; a failure of the work is thrown after the commit. On the embedded database it just runs.
     */
    <T> T exclusively(String accountId, java.util.function.Supplier<T> work) {
        if (!sharedDatabase) {
            return work.get();
        }
        // what the work wrote before it failed (a refresh failure recorded, a status set) is committed as it would
        // be without the lock; the failure is thrown after the commit
        RuntimeException[] failure = new RuntimeException[1];
        T result = sql.inTransaction(() -> {
            sql.update("SET LOCAL lock_timeout = '120s'");
            sql.query("SELECT pg_advisory_xact_lock(?)", rs -> Boolean.TRUE, lockKey(accountId));
            try {
                return work.get();
            } catch (RuntimeException e) {
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result;
    }

    private static long lockKey(String accountId) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("account-refresh/" + accountId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(digest).getLong();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    Sql sql() {
        return sql;
    }

    Optional<AccountRow> find(String id) {
        return sql.queryOne(SELECT_BY_ID, AccountRepository::map, id);
    }

    List<AccountRow> all() {
        return sql.query(SELECT_ALL, AccountRepository::map);
    }

    List<AccountRow> withStatus(AccountStatus status) {
        return sql.query(SELECT_BY_STATUS, AccountRepository::map, status);
    }

    /** The rows whose identity key is in {@code keys}, by identity key. */
    Map<String, AccountRow> findByIdentity(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        String placeholders = "(" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")";
        Map<String, AccountRow> out = new HashMap<>();
        for (AccountRow row : sql.query(SELECT_BY_IDENTITY + placeholders, AccountRepository::map, keys.toArray())) {
            out.put(row.identityKey(), row);
        }
        return out;
    }

    /** One page of rows matching {@code query}, and the number of all matching rows. */
    AccountPage page(AccountQuery query) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        query.text().ifPresent(text -> {
            where.add(WHERE_QUERY);
            String like = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            for (int i = 0; i < 6; i++) {
                params.add(like);
            }
        });
        query.groupName().ifPresent(group -> {
            where.add("group_name = ?");
            params.add(group);
        });
        if (!query.statuses().isEmpty()) {
            where.add("status IN (" + String.join(", ", Collections.nCopies(query.statuses().size(), "?")) + ")");
            params.addAll(query.statuses());
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total = sql.count(COUNT + filter, params.toArray());
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.limit());
        pageParams.add(query.offset());
        List<Account> items = sql.query("SELECT " + COLUMNS + " FROM accounts" + filter + ORDER + " LIMIT ? OFFSET ?",
                rs -> map(rs).toAccount(), pageParams.toArray());
        return new AccountPage(items, total, query.page(), query.pageSize());
    }

    int maxSort() {
        return (int) sql.count(MAX_SORT);
    }

    void insert(List<AccountRow> rows) {
        if (!rows.isEmpty()) {
            sql.batch(INSERT, rows.stream().map(AccountRepository::insertParams).toList());
        }
        changed();
    }

    void update(List<AccountRow> rows) {
        if (!rows.isEmpty()) {
            sql.batch(UPDATE, rows.stream().map(AccountRepository::updateParams).toList());
        }
        changed();
    }

    /**
     * Sets each account's sort in one transaction.
     *
     * @throws AccountNotFoundException for the first unknown id; the transaction is rolled back
     */
    void updateSorts(Map<String, Integer> sorts, Instant now) {
        sql.inTransaction(() -> {
            for (Map.Entry<String, Integer> e : sorts.entrySet()) {
                if (sql.update(UPDATE_SORT, e.getValue(), now, e.getKey()) == 0) {
                    throw new AccountNotFoundException(e.getKey());
                }
            }
            changed();
            return null;
        });
    }

    boolean updateStatus(String id, AccountStatus status, String reason, Instant now) {
        boolean changed = sql.update(UPDATE_STATUS, status, reason, now, id) > 0;
        changed();
        return changed;
    }

    /**
     * Stores a refresh's sealed tokens in one statement (a {@code null} refresh or id token keeps the stored one;
     * a {@code null} email or plan keeps the stored value), increments the token version and clears the failure
     * count. False when the account does not exist.
     */
    boolean storeRotated(String id, RotatedTokens rotated, Instant now) {
        boolean stored = sql.update(STORE_ROTATED, rotated.email(), rotated.planType(), rotated.accessTokenSealed(),
                rotated.refreshTokenSealed(), rotated.idTokenSealed(), rotated.expiresAt(), now, now, id) > 0;
        changed();
        return stored;
    }

    /** What a token refresh changes in an account's row; the tokens are sealed. */
    record RotatedTokens(String accessTokenSealed, String refreshTokenSealed, String idTokenSealed,
            Instant expiresAt, String email, String planType) {
        @Override
        public String toString() {
            return "RotatedTokens[expiresAt=" + expiresAt + "]";
        }
    }

    void recordRefreshFailure(String id, Instant nextAttempt) {
        sql.update(UPDATE_REFRESH_FAILURE, nextAttempt, id);
    }

    void markUsed(String id, Instant now) {
        sql.relaxed().update(UPDATE_LAST_USED, now, id);
    }

    /** Limits an active or limited account until {@code until} (nullable: unknown). False when not applied. */
    boolean markLimited(String id, Instant until, String reason, Instant now) {
        synchronized (limitLock) {
            boolean changed = sql.update(MARK_LIMITED, reason, until, now, id) > 0;
            if (changed) {
                changed();
            }
            if (changed && until != null && nextLimitExpiry != Instant.MIN
                    && (nextLimitExpiry == null || until.isBefore(nextLimitExpiry))) {
                nextLimitExpiry = until;
            }
            return changed;
        }
    }

    /** Makes a limited account active again; false when it was not limited. */
    boolean clearLimit(String id, Instant now) {
        boolean changed = sql.update(CLEAR_LIMIT, now, id) > 0;
        if (changed) {
            changed();
        }
        return changed;
    }

    /**
     * Makes limited accounts whose {@code limited_until} has passed active again and returns their ids. Cheap when
     * nothing is due: the earliest expiry is kept in memory, so the database is only asked once one has passed.
     */
    List<String> releaseExpiredLimits(Instant now) {
        synchronized (limitLock) {
            if (nextLimitExpiry == null || now.isBefore(nextLimitExpiry)) {
                return List.of();
            }
            List<String> released = new ArrayList<>();
            for (String id : sql.query(SELECT_EXPIRED_LIMITS, rs -> rs.getString(1), now)) {
                if (sql.update(RELEASE_LIMIT, now, id, now) > 0) {
                    released.add(id);
                }
            }
            if (!released.isEmpty()) {
                changed();
            }
            nextLimitExpiry = sql.queryOne(NEXT_LIMIT_EXPIRY,
                    rs -> Optional.ofNullable(rs.getTimestamp(1))).flatMap(t -> t).map(t -> t.toInstant()).orElse(null);
            return released;
        }
    }

    boolean delete(String id) {
        boolean deleted = sql.update(DELETE, id) > 0;
        changed();
        return deleted;
    }

    /**
     * Another instance of a shared database changed accounts: cached views rebuild, and the next read looks again
     * for limits that have run out.
     */
    void externalChange() {
        synchronized (limitLock) {
            nextLimitExpiry = Instant.MIN;
        }
        version.incrementAndGet();
    }

    /**
     * Moves the version once the current write is committed, so that a cache rebuilt on seeing the new version
     * reads the new rows.
     */
    private void changed() {
        sql.afterCommit(version::incrementAndGet);
    }

    /** An account's own proxy as stored: the URL without password and the sealed password (nullable). */
    record StoredProxy(String accountId, String url, String sealedPassword) {
        @Override
        public String toString() {
            return "StoredProxy[" + accountId + "]";
        }
    }

    /** Every account that has its own proxy. */
    List<StoredProxy> proxies() {
        return sql.query(SELECT_PROXIES, rs -> new StoredProxy(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** Sets (or, with a null URL, clears) an account's proxy; false when the account does not exist. */
    boolean updateProxy(String id, String url, String sealedPassword, Instant now) {
        boolean updated = sql.update(UPDATE_PROXY, url, sealedPassword, now, id) == 1;
        changed();
        return updated;
    }

    List<String> dueForRefresh(Instant now, Instant expiringBefore, Instant refreshedBefore, int limit) {
        return sql.query(DUE_FOR_REFRESH, rs -> rs.getString(1), now, expiringBefore, refreshedBefore, limit);
    }

    private static Object[] insertParams(AccountRow r) {
        return new Object[] {r.id(), r.identityKey(), r.label(), r.email(), r.chatgptAccountId(), r.userId(),
                r.workspaceId(), r.planType(), r.groupName(), Json.write(r.tags()), r.sort(), r.note(), r.status(),
                r.statusReason(), r.accessTokenSealed(), r.refreshTokenSealed(), r.idTokenSealed(), r.tokenVersion(),
                r.accessTokenExpiresAt(), r.lastRefreshAt(), r.refreshFailures(), r.nextRefreshAttemptAt(),
                r.createdAt(), r.updatedAt(), r.lastUsedAt(), r.limitedUntil()};
    }

    private static Object[] updateParams(AccountRow r) {
        Object[] insert = insertParams(r);
        Object[] out = new Object[insert.length];
        System.arraycopy(insert, 1, out, 0, insert.length - 1);
        out[insert.length - 1] = r.id();
        return out;
    }

    private static AccountRow map(ResultSet rs) throws SQLException {
        List<String> tags = Json.GSON.fromJson(rs.getString("tags"), TAG_LIST);
        return new AccountRow(rs.getString("id"), rs.getString("identity_key"), rs.getString("label"),
                rs.getString("email"), rs.getString("chatgpt_account_id"), rs.getString("user_id"),
                rs.getString("workspace_id"), rs.getString("plan_type"), rs.getString("group_name"),
                tags == null ? List.of() : tags, rs.getInt("sort"), rs.getString("note"),
                AccountStatus.parse(rs.getString("status")).orElse(AccountStatus.DISABLED),
                rs.getString("status_reason"), rs.getString("access_token_enc"), rs.getString("refresh_token_enc"),
                rs.getString("id_token_enc"), rs.getLong("token_version"), Sql.instant(rs, "access_token_expires_at"),
                Sql.instant(rs, "last_refresh_at"), rs.getInt("refresh_failures"),
                Sql.instant(rs, "next_refresh_attempt_at"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), Sql.instant(rs, "last_used_at"), Sql.instant(rs, "limited_until"));
    }
}
