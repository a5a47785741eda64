package com.codexmanager.store;

import com.codexmanager.config.DataDir;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database: opened in PostgreSQL mode, migrated with Flyway on open, pooled connections.
 *
 * <p>Writes come in two durabilities ({@link Sql.Durability}). H2's background writer saves committed changes
 * every {@value #WRITE_DELAY_MILLIS} ms and, in the same thread, keeps the file compact (rewriting sparse chunks,
 * moving chunks down, truncating), so the file does not grow with every commit. Writes through {@link #sql()}
 * are made durable at once: after the commit a {@code CHECKPOINT} (shared by concurrent callers,
 * {@link GroupCheckpoint}) writes the pending changes out before the call returns, so a rotated refresh token, a new account or a new key survives {@code kill -9}. Request logs and other
 * high-volume data use {@link Sql#relaxed()} and ride on the background writer.
 *
 * <p>The file is opened through H2's {@code retry:} file system, which reopens the file channel if a thread is
 * interrupted inside a write instead of leaving the database closed. Thread-safe. Close it exactly once.
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

    private final JdbcConnectionPool pool;
    private final Sql sql;

    private Database(JdbcConnectionPool pool, Sql.Persister persister) {
        this.pool = pool;
        this.sql = new Sql(pool, persister, Sql.Durability.DURABLE, Dialect.H2, new ThreadLocal<>());
    }

    /** Opens (creating if needed) and migrates the database of {@code dataDir}. */
    public static Database open(DataDir dataDir) {
        return open("jdbc:h2:retry:" + dataDir.h2FilePath() + OPTIONS, new GroupCheckpoint());
    }

    /** Opens an in-memory database (tests of repositories that need no file). */
    public static Database inMemory(String name) {
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                + ";DEFAULT_NULL_ORDERING=HIGH", Sql.Persister.NONE);
    }

    private static Database open(String url, Sql.Persister persister) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "codexmanager", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        try {
            try (Connection probe = pool.getConnection()) {
                probe.isValid(1);
            }
            migrate(pool);
            return new Database(pool, persister);
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

    private static void migrate(DataSource dataSource) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Database migrated to version {} ({} migrations)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Durable writes (see the class comment); {@code sql().relaxed()} for high-volume data. */
    public Sql sql() {
        return sql;
    }

    @Override
    public void close() {
        // Disposing the pool closes the last connection, which closes the database (DB_CLOSE_DELAY is 0).
        pool.dispose();
    }
}
