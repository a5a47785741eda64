package com.codexmanager.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Copies every table of one service database into another, freshly migrated, empty one ({@code db copy}): the
 * columns both have, in batches, keeping ids (identity sequences are moved past them). A {@link Resealer} may
 * replace sealed column values on the way (re-encryption under another key). Instance-local tables (job leases,
 * shared affinity) and Flyway's history are left out. Single use; not thread-safe.
 */
public final class DatabaseCopy {
    /** Tables in the order their rows may reference each other. */
    private static final List<String> FIRST = List.of("app_settings", "accounts", "platform_keys");
    private static final Set<String> SKIPPED = Set.of("flyway_schema_history", "job_leases", "gateway_affinity");
    private static final int BATCH = 1000;

    /** Replaces a value of a sealed column; {@code row} maps lower-case column names to the source values. */
    @FunctionalInterface
    public interface Resealer {
        /** @return the value to write, or {@code value} itself when the column is not sealed */
        Object reseal(String table, String column, Object value, Map<String, Object> row);
    }

    private final Database source;
    private final Database target;
    private final Resealer resealer;

    public DatabaseCopy(Database source, Database target, Resealer resealer) {
        this.source = source;
        this.target = target;
        this.resealer = resealer;
    }

    /**
     * Copies everything; {@code progress} hears each table's name and row count.
     *
     * @throws StoreException when the target already holds accounts, keys or request logs
     */
    public Map<String, Long> run(BiConsumer<String, Long> progress) {
        try (Connection from = source.dataSource().getConnection();
                Connection to = target.dataSource().getConnection()) {
            requireEmpty(to);
            to.setAutoCommit(false);
            Map<String, Long> copied = new LinkedHashMap<>();
            for (String table : tables(from, to)) {
                long rows = copy(from, to, table);
                copied.put(table, rows);
                progress.accept(table, rows);
            }
            to.commit();
            return copied;
        } catch (SQLException e) {
            throw new StoreException("db_copy_failed", "copy failed: " + e.getMessage(), e);
        }
    }

    private static void requireEmpty(Connection to) throws SQLException {
        for (String table : List.of("accounts", "platform_keys", "request_logs")) {
            try (Statement s = to.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new StoreException("db_copy_target_not_empty", "the target database already has rows in "
                            + table + "; copy into an empty database", null);
                }
            }
        }
    }

    /** Tables of the source that the target has too, dependencies first. */
    private static List<String> tables(Connection from, Connection to) throws SQLException {
        Set<String> both = new TreeSet<>(names(from));
        both.retainAll(names(to));
        both.removeAll(SKIPPED);
        List<String> ordered = new ArrayList<>();
        for (String first : FIRST) {
            if (both.remove(first)) {
                ordered.add(first);
            }
        }
        ordered.addAll(both);
        return ordered;
    }

    private static Set<String> names(Connection c) throws SQLException {
        Set<String> names = new TreeSet<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema == null || schema.equalsIgnoreCase("public")) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private long copy(Connection from, Connection to, String table) throws SQLException {
        List<String> columns = commonColumns(from, to, table);
        try (Statement wipe = to.createStatement()) {
            // rows the target's own migrations seeded (the roll-up marker) give way to the source's
            wipe.executeUpdate("DELETE FROM " + table);
        }
        String list = String.join(", ", columns);
        String insert = "INSERT INTO " + table + " (" + list + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
        long rows = 0;
        try (Statement read = from.createStatement();
                ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table);
                PreparedStatement write = to.prepareStatement(insert)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.put(columns.get(i - 1), value(rs, i, meta.getColumnType(i)));
                }
                int i = 1;
                for (String column : columns) {
                    Object value = resealer.reseal(table, column, row.get(column), row);
                    if (value == null) {
                        write.setNull(i, meta.getColumnType(i));
                    } else {
                        write.setObject(i, value);
                    }
                    i++;
                }
                write.addBatch();
                if (++rows % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        if (columns.contains("id")) {
            moveSequence(to, table);
        }
        return rows;
    }

    private static Object value(ResultSet rs, int column, int type) throws SQLException {
        return switch (type) {
            case Types.CLOB, Types.NCLOB, Types.LONGVARCHAR -> rs.getString(column);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(column, java.time.OffsetDateTime.class);
            default -> rs.getObject(column);
        };
    }

    private static List<String> commonColumns(Connection from, Connection to, String table) throws SQLException {
        List<String> source = columns(from, table);
        Set<String> target = new TreeSet<>(columns(to, table));
        source.retainAll(target);
        return source;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, null, table, "%")) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema == null || schema.equalsIgnoreCase("public")) {
                    names.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** An identity column's sequence continues after the copied ids (PostgreSQL). */
    private void moveSequence(Connection to, String table) throws SQLException {
        if (!target.shared()) {
            return;
        }
        try (Statement s = to.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_get_serial_sequence('" + table + "', 'id')")) {
            if (!rs.next() || rs.getString(1) == null) {
                return;
            }
        }
        try (Statement s = to.createStatement()) {
            s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                    + "(SELECT COALESCE(MAX(id), 0) + 1 FROM " + table + "), false)");
        }
    }
}
