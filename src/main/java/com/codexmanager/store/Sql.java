package com.codexmanager.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * A thin JDBC helper: parameterised queries, row mappers, upserts, and transactions that bind one connection to the
 * calling thread so nested calls join it.
 *
 * <p>Durability is chosen per instance. The {@link Durability#DURABLE} helper makes every committed write reach
 * the database file before the call returns (it survives {@code kill -9}); the {@link #relaxed()} view leaves
 * high-volume writes (request logs, usage history, cooldowns) to the store's background writer, which saves them
 * within its write delay. Thread-safe.
 */
public final class Sql {
    /** How soon a committed write is on disk. */
    public enum Durability {
        /** Before the call returns. */
        DURABLE,
        /** Within the store's write delay (lost on {@code kill -9} if younger than that). */
        RELAXED
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface TxWork<T> {
        T run() throws SQLException;
    }

    /** Makes what a connection committed durable (H2 file: writes the pending changes out). */
    @FunctionalInterface
    interface Persister {
        void persist(Connection connection) throws SQLException;

        Persister NONE = c -> {
        };
    }

    /** The unique-violation SQL state: a concurrent insert of the same key won the race. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final Persister persister;
    private final Durability durability;
    private final Dialect dialect;
    private final ThreadLocal<Tx> current;

    /** A transaction bound to the thread: its connection and whether a durable write happened in it. */
    private static final class Tx {
        final Connection connection;
        boolean durableWrite;
        final List<Runnable> afterCommit = new ArrayList<>();

        Tx(Connection connection) {
            this.connection = connection;
        }
    }

    /** A helper over {@code dataSource} whose writes are durable through the database's own commit. */
    public Sql(DataSource dataSource) {
        this(dataSource, Persister.NONE, Durability.DURABLE, Dialect.H2, new ThreadLocal<>());
    }

    Sql(DataSource dataSource, Persister persister, Durability durability, Dialect dialect,
            ThreadLocal<Tx> current) {
        this.dataSource = dataSource;
        this.persister = persister;
        this.durability = durability;
        this.dialect = dialect;
        this.current = current;
    }

    /** The same database with {@link Durability#RELAXED} writes; it joins transactions of this helper. */
    public Sql relaxed() {
        return new Sql(dataSource, persister, Durability.RELAXED, dialect, current);
    }

    public Durability durability() {
        return durability;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        });
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public long count(String sql, Object... params) {
        return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    public int update(String sql, Object... params) {
        return write(c -> {
            try (PreparedStatement ps = prepare(c, sql, params)) {
                return ps.executeUpdate();
            }
        }, changed -> changed > 0);
    }

    /** Runs one statement for each parameter row as a JDBC batch. */
    public int[] batch(String sql, List<Object[]> rows) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bind(ps, row);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        }, counts -> java.util.Arrays.stream(counts).anyMatch(count -> count != 0));
    }

    /**
     * Inserts the row or, when a row with the same key exists, updates it — atomically, so two callers writing the
     * same key at once never fail on each other (the loser of an insert race retries as an update).
     *
     * @param keyColumns how many of the leading {@code columns} form the key
     */
    public void upsert(String table, List<String> columns, int keyColumns, Object... values) {
        if (values.length != columns.size() || keyColumns < 1 || keyColumns > columns.size()) {
            throw new IllegalArgumentException("upsert of " + table + ": " + columns.size() + " columns, "
                    + values.length + " values, " + keyColumns + " key columns");
        }
        String statement = dialect.upsert(table, columns, keyColumns);
        for (int attempt = 1; ; attempt++) {
            try {
                update(statement, values);
                return;
            } catch (StoreException e) {
                if (attempt >= 3 || !(e.getCause() instanceof SQLException sqlError)
                        || !UNIQUE_VIOLATION.equals(sqlError.getSQLState()) || current.get() != null) {
                    throw e;
                }
            }
        }
    }

    /**
     * Runs {@code action} once the current transaction has committed (at once when there is none). A rolled-back
     * transaction drops it. For in-memory state that must not run ahead of the database.
     */
    public void afterCommit(Runnable action) {
        Tx tx = current.get();
        if (tx == null) {
            action.run();
        } else {
            tx.afterCommit.add(action);
        }
    }

    /** Runs {@code work} in one transaction; statements issued by {@code work} on this thread join it. */
    public <T> T inTransaction(TxWork<T> work) {
        if (current.get() != null) {
            try {
                return work.run();
            } catch (SQLException e) {
                throw wrap(e);
            }
        }
        Tx tx;
        T result;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            tx = new Tx(c);
            current.set(tx);
            try {
                result = work.run();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                current.remove();
                c.setAutoCommit(true);
            }
            if (tx.durableWrite) {
                persister.persist(c);
            }
        } catch (SQLException e) {
            throw wrap(e);
        }
        tx.afterCommit.forEach(Runnable::run);
        return result;
    }

    private interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(ConnectionWork<T> work) {
        return write(work, result -> false);
    }

    /**
     * Runs a statement; when it {@code changed} something and this helper is durable, the change is persisted
     * before returning (or, inside a transaction, after its commit). A statement that changed nothing costs no
     * persist: a checkpoint writes a chunk to the file, and needless ones fragment it.
     */
    private <T> T write(ConnectionWork<T> work, Predicate<T> changed) {
        Tx bound = current.get();
        try {
            if (bound != null) {
                T result = work.run(bound.connection);
                if (durability == Durability.DURABLE && changed.test(result)) {
                    bound.durableWrite = true;
                }
                return result;
            }
            try (Connection c = dataSource.getConnection()) {
                T result = work.run(c);
                if (durability == Durability.DURABLE && changed.test(result)) {
                    persister.persist(c);
                }
                return result;
            }
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            bind(ps, params);
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (p instanceof Instant instant) {
                ps.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name().toLowerCase(Locale.ROOT));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** Reads a nullable timestamp column as an {@link Instant}. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static StoreException wrap(SQLException e) {
        return new StoreException("sql_error", "database error " + e.getSQLState() + ": " + firstLine(e), e);
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
