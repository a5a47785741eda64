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
 * <p>{@code WRITE_DELAY=0}: every commit reaches the file before it is acknowledged, so a rotated refresh token or
 * a new account survives {@code kill -9}. High-volume writers (request logs) batch rows per transaction instead.
 * Thread-safe. Close it exactly once.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    // TRACE_LEVEL_FILE=4: H2's own error trace goes to SLF4J (the owner-only, redacted log file) instead of a
    // codexmanager.trace.db that H2 would create readable by everyone.
    private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=4";
    private static final int MAX_CONNECTIONS = 32;

    private final JdbcConnectionPool pool;
    private final Sql sql;

    private Database(JdbcConnectionPool pool) {
        this.pool = pool;
        this.sql = new Sql(pool);
    }

    /** Opens (creating if needed) and migrates the database of {@code dataDir}. */
    public static Database open(DataDir dataDir) {
        return open("jdbc:h2:file:" + dataDir.h2FilePath() + OPTIONS);
    }

    /** Opens an in-memory database (tests of repositories that need no file). */
    public static Database inMemory(String name) {
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                + ";DEFAULT_NULL_ORDERING=HIGH");
    }

    private static Database open(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "codexmanager", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        try {
            try (Connection probe = pool.getConnection()) {
                probe.isValid(1);
            }
            migrate(pool);
            return new Database(pool);
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

    public Sql sql() {
        return sql;
    }

    @Override
    public void close() {
        // Disposing the pool closes the last connection, which closes the database (DB_CLOSE_DELAY is 0).
        pool.dispose();
    }
}
