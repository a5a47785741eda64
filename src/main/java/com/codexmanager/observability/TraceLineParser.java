package com.codexmanager.observability;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads back a line written by {@link TraceLineFormatter}: {@code key=value} pairs separated by spaces, values
 * either bare or double-quoted with {@code \n \r \t \" \\ \\uXXXX} escapes. Stateless, thread-safe.
 */
final class TraceLineParser {
    private TraceLineParser() {
    }

    /** The event of {@code line}, or empty when it is not a well-formed trace line. */
    static Optional<TraceEntry> parse(String line) {
        Map<String, String> pairs = pairs(line);
        if (pairs == null || !pairs.containsKey("ts") || !pairs.containsKey("trace") || !pairs.containsKey("event")) {
            return Optional.empty();
        }
        Instant ts;
        try {
            ts = Instant.parse(pairs.remove("ts"));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        String trace = pairs.remove("trace");
        String event = pairs.remove("event");
        return Optional.of(new TraceEntry(ts, ts.toEpochMilli(), trace, event, pairs));
    }

    /** The pairs in order, or null on a malformed line. */
    private static Map<String, String> pairs(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = line.indexOf('=', i);
            if (eq <= i) {
                return null;
            }
            String key = line.substring(i, eq);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c != '\\' || i >= n) {
                        value.append(c);
                        continue;
                    }
                    char e = line.charAt(i++);
                    switch (e) {
                        case 'n' -> value.append('\n');
                        case 'r' -> value.append('\r');
                        case 't' -> value.append('\t');
                        case 'u' -> {
                            if (i + 4 > n) {
                                return null;
                            }
                            try {
                                value.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
                            } catch (NumberFormatException bad) {
                                return null;
                            }
                            i += 4;
                        }
                        default -> value.append(e);
                    }
                }
                if (!closed) {
                    return null;
                }
            } else {
                int end = line.indexOf(' ', i);
                end = end < 0 ? n : end;
                value.append(line, i, end);
                i = end;
            }
            out.put(key, value.toString());
        }
        return out;
    }

    /**
     * One parsed trace line. {@code ts} serialises as Unix seconds, so {@code tsMillis} keeps the order within a
     * second. Immutable.
     */
    record TraceEntry(Instant ts, long tsMillis, String traceId, String event, Map<String, String> fields) {
        TraceEntry {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }
}
