package com.codexmanager.store;

import java.util.List;
import java.util.stream.Collectors;

/** The SQL that differs between the database engines the service runs on. Immutable. */
enum Dialect {
    /** H2 in PostgreSQL mode: {@code MERGE INTO … KEY (…)} is its atomic insert-or-update. */
    H2 {
        @Override
        String upsert(String table, List<String> columns, int keyColumns) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY ("
                    + String.join(", ", columns.subList(0, keyColumns)) + ") VALUES (" + placeholders(columns)
                    + ")";
        }
    },
    /** PostgreSQL: {@code INSERT … ON CONFLICT (…) DO UPDATE}. */
    POSTGRESQL {
        @Override
        String upsert(String table, List<String> columns, int keyColumns) {
            String updates = columns.subList(keyColumns, columns.size()).stream()
                    .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders(columns)
                    + ") ON CONFLICT (" + String.join(", ", columns.subList(0, keyColumns)) + ") DO "
                    + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + updates);
        }
    };

    /** The folder under {@code db/vendor/} with this engine's own migration scripts. */
    String folder() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** One statement that inserts the row or updates the row with the same key. */
    abstract String upsert(String table, List<String> columns, int keyColumns);

    private static String placeholders(List<String> columns) {
        return columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    }
}
