package com.codexmanager.store;

import com.codexmanager.config.DataDir;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's database, migrated with Flyway on open, pooled connections: the embedded H2 file (the default,
 * in PostgreSQL mode) or a PostgreSQL server shared by several instances ({@code CODEXMANAGER_DB_URL}). One schema
 * serves both: {@code db/migration} holds the portable scripts, {@code db/vendor/h2|postgresql} the few that differ.
 *
 * <p>H2: writes come in two durabilities ({@link Sql.Durability}). H2's background writer saves committed changes
 * every {@value #WRITE_DELAY_MILLIS} ms and, in the same thread, keeps the file compact (rewriting sparse chunks,
 * moving chunks down, truncating), so the file does not grow with every commit. Writes through {@link #sql()}
 * are made durable at once: after the commit a {@code CHECKPOINT} (shared by concurrent callers,
 * {@link GroupCheckpoint}) writes the pending changes out before the call returns, so a rotated refresh token, a
 * new account or a new key survives {@code kill -9}. Request logs and other high-volume data use
 * {@link Sql#relaxed()} and ride on the background writer. The file is opened through H2's {@code retry:} file
 * system, which reopens the file channel if a thread is interrupted inside a write.
 *
 * <p>PostgreSQL: every commit is durable by the server's own rules; there is nothing to persist after it.
 *
 * <p>Thread-safe. Close it exactly once.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** How long a relaxed commit may wait for the background writer; also the housekeeping period. */
    static final int WRITE_DELAY_MILLIS = 200;
    // TRACE_LEVEL_FILE=4: H2's own error trace goes to SLF4J (the owner-only, redacted log file) instead of a
    // codexmanager.trace.db that H2 would create readable by everyone.
    private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=" + WRITE_DELAY_MILLIS + ";TRACE_LEVEL_FILE=4";
    private static final int MAX_CONNECTIONS = 64;
    private static final int MAX_POSTGRES_CONNECTIONS = 32;

    private final DataSource dataSource;
    private final AutoCloseable pool;
    private final Sql sql;
    private final Dialect dialect;

    private Database(DataSource dataSource, AutoCloseable pool, Sql.Persister persister, Dialect dialect) {
        this.dataSource = dataSource;
        this.pool = pool;
        this.dialect = dialect;
        this.sql = new Sql(dataSource, persister, Sql.Durability.DURABLE, dialect, new ThreadLocal<>());
    }

    /** Opens (creating if needed) and migrates the H2 database of {@code dataDir}. */
    public static Database open(DataDir dataDir) {
        return openH2("jdbc:h2:retry:" + dataDir.h2FilePath() + OPTIONS, new GroupCheckpoint());
    }

    /** Opens an in-memory database (tests of repositories that need no file). */
    public static Database inMemory(String name) {
        return openH2("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                + ";DEFAULT_NULL_ORDERING=HIGH", Sql.Persister.NONE);
    }

    /**
     * Opens and migrates a PostgreSQL database.
     *
     * @param url {@code jdbc:postgresql://host:port/database}
     */
    public static Database openPostgres(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setPoolName("codexmanager-db");
        config.setMaximumPoolSize(MAX_POSTGRES_CONNECTIONS);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreException("db_open_failed", "cannot connect to " + safe(url) + ": "
                    + rootMessage(e), e);
        }
        try {
            migrate(pool, Dialect.POSTGRESQL);
            return new Database(pool, pool, Sql.Persister.NONE, Dialect.POSTGRESQL);
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("db_migration_failed", "database migration failed: " + e.getMessage(), e);
        }
    }

    private static Database openH2(String url, Sql.Persister persister) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "codexmanager", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        try {
            try (Connection probe = pool.getConnection()) {
                probe.isValid(1);
            }
            migrate(pool, Dialect.H2);
            return new Database(pool, pool::dispose, persister, Dialect.H2);
        } catch (SQLException e) {
            pool.dispose();
            if (e.getErrorCode() == 90020) {
                throw new DataDirInUseException("the database file is locked by another process; stop it first or "
                        + "set CODEXMANAGER_DB_PATH to another file");
            }
            throw new StoreException("db_open_failed", "cannot open the database: " + e.getMessage(), e);
        } catch (FlywayException e) {
            pool.dispose();
            throw new StoreException("db_migration_failed", "database migration failed: " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource, Dialect dialect) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + dialect.folder())
                .loggers("slf4j")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Database migrated to version {} ({} migrations)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }

    /** The URL without user info or parameters (they may carry a password). */
    static String safe(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        int at = base.indexOf('@');
        return at < 0 ? base : "jdbc:postgresql://" + base.substring(at + 1);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Durable writes (see the class comment); {@code sql().relaxed()} for high-volume data. */
    public Sql sql() {
        return sql;
    }

    /** Whether several instances may share this database (PostgreSQL). */
    public boolean shared() {
        return dialect == Dialect.POSTGRESQL;
    }

    @Override
    public void close() {
        // H2: disposing the pool closes the last connection, which closes the database (DB_CLOSE_DELAY is 0).
        try {
            pool.close();
        } catch (Exception e) {
            log.warn("Closing the database pool failed: {}", e.toString());
        }
    }
}
