package com.codexmanager.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the request-log search box into SQL conditions (behaviour reference §9.3). Terms are separated by
 * spaces and all must match:
 * <ul>
 *   <li>{@code field:value}: substring, case-insensitive; {@code field:=value}: exact match;</li>
 *   <li>{@code status:502} exact status, {@code status:5xx} a status class;</li>
 *   <li>plain text (or any {@code "quoted text"}): substring of any text column.</li>
 * </ul>
 * An unknown {@code field:} is refused with the list of fields rather than silently searched as text.
 * Values are always bound as parameters. Immutable result; stateless parser.
 */
final class LogQuery {
    /** One SQL condition and its parameters. */
    record Condition(String sql, List<Object> params) {
        Condition {
            params = List.copyOf(params);
        }
    }

    /** A query the user typed wrongly; the message says how. */
    static final class InvalidQueryException extends RuntimeException {
        InvalidQueryException(String message) {
            super(message);
        }
    }

    static final Map<String, List<String>> FIELDS = fields();
    private static final List<String> TEXT_COLUMNS = List.of("trace_id", "key_id", "key_prefix", "account_id",
            "initial_account_id", "method", "path", "adapted_path", "client_model", "model", "reasoning_effort",
            "error_code", "error_message", "transport");
    private static final Pattern FIELD_TERM = Pattern.compile("([A-Za-z]+):(=?)(.*)", Pattern.DOTALL);
    private static final Pattern STATUS_CLASS = Pattern.compile("([1-5])xx", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATUS_CODE = Pattern.compile("[1-5][0-9][0-9]");
    static final int MAX_QUERY_LENGTH = 500;
    /** How far a row's {@code created_ms} may be from its id's time (both are read as the request starts). */
    private static final long TRACE_TIME_SLACK_MS = 60_000;

    private LogQuery() {
    }

    private static Map<String, List<String>> fields() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        f.put("account", List.of("account_id", "initial_account_id"));
        f.put("key", List.of("key_id", "key_prefix"));
        f.put("trace", List.of("trace_id"));
        f.put("method", List.of("method"));
        f.put("transport", List.of("transport"));
        f.put("path", List.of("path"));
        f.put("original", List.of("path"));
        f.put("adapted", List.of("adapted_path"));
        f.put("model", List.of("model", "client_model"));
        f.put("reasoning", List.of("reasoning_effort"));
        f.put("error", List.of("error_code", "error_message"));
        f.put("code", List.of("error_code"));
        f.put("status", List.of("status_code"));
        return Map.copyOf(f);
    }

    static List<Condition> parse(String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidQueryException("query must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        List<Condition> out = new ArrayList<>();
        for (Token token : tokenize(query)) {
            out.add(token.quoted() ? anyText(token.text()) : term(token.text()));
        }
        return out;
    }

    private static Condition term(String text) {
        Matcher m = FIELD_TERM.matcher(text);
        if (!m.matches()) {
            return anyText(text);
        }
        String field = m.group(1).toLowerCase(Locale.ROOT);
        boolean exact = !m.group(2).isEmpty();
        String value = unquote(m.group(3));
        List<String> columns = FIELDS.get(field);
        if (columns == null) {
            throw new InvalidQueryException("unknown search field '" + m.group(1) + ":'; use one of "
                    + String.join(", ", FIELDS.keySet().stream().sorted().toList())
                    + " or put the text in double quotes");
        }
        if (value.isEmpty()) {
            throw new InvalidQueryException("'" + field + ":' needs a value");
        }
        if (field.equals("status")) {
            return status(value);
        }
        if (field.equals("trace") && exact) {
            return exactTrace(value);
        }
        return exact ? columns(columns, "%s = ?", value) : columns(columns, "LOWER(%s) LIKE ? ESCAPE '\\'",
                like(value));
    }

    private static Condition status(String value) {
        Matcher cls = STATUS_CLASS.matcher(value);
        if (cls.matches()) {
            int low = Integer.parseInt(cls.group(1)) * 100;
            return new Condition("status_code BETWEEN ? AND ?", List.of(low, low + 99));
        }
        if (STATUS_CODE.matcher(value).matches()) {
            return new Condition("status_code = ?", List.of(Integer.parseInt(value)));
        }
        throw new InvalidQueryException("status: expects a code such as 502 or a class such as 5xx");
    }

    /**
     * {@code trace_id} has no index of its own (a second index on every stored row, for a search that is rarely
     * typed). The gateway's ids start with the request's time ({@link TraceIdFormat}), so an exact search for one
     * of them also bounds {@code created_ms}, the request's start, and reads only that stretch of the time index;
     * any other id is looked for in every row.
     */
    private static Condition exactTrace(String value) {
        OptionalLong started = TraceIdFormat.millis(value);
        if (started.isEmpty()) {
            return new Condition("(trace_id = ?)", List.of(value));
        }
        long millis = started.getAsLong();
        return new Condition("(trace_id = ? AND created_ms BETWEEN ? AND ?)",
                List.of(value, millis - TRACE_TIME_SLACK_MS, millis + TRACE_TIME_SLACK_MS));
    }

    private static Condition anyText(String value) {
        return columns(TEXT_COLUMNS, "LOWER(%s) LIKE ? ESCAPE '\\'", like(value));
    }

    private static Condition columns(List<String> columns, String template, Object param) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (String column : columns) {
            parts.add(String.format(Locale.ROOT, template, column));
            params.add(param);
        }
        return new Condition("(" + String.join(" OR ", parts) + ")", params);
    }

    private static String like(String value) {
        String escaped = value.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private record Token(String text, boolean quoted) {
    }

    /** Splits on whitespace; double quotes group text (a quoted term as a whole is always plain text). */
    private static List<Token> tokenize(String query) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        boolean startedQuoted = false;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '"') {
                if (current.length() == 0 && !inQuotes) {
                    startedQuoted = true;
                }
                inQuotes = !inQuotes;
                current.append(c);
            } else if (Character.isWhitespace(c) && !inQuotes) {
                flush(tokens, current, startedQuoted);
                startedQuoted = false;
            } else {
                current.append(c);
            }
        }
        if (inQuotes) {
            throw new InvalidQueryException("query has an unclosed double quote");
        }
        flush(tokens, current, startedQuoted);
        return tokens;
    }

    private static void flush(List<Token> tokens, StringBuilder current, boolean quoted) {
        if (current.length() == 0) {
            return;
        }
        String text = current.toString();
        current.setLength(0);
        if (quoted) {
            String inner = unquote(text);
            if (!inner.isEmpty()) {
                tokens.add(new Token(inner, true));
            }
        } else {
            tokens.add(new Token(text, false));
        }
    }
}
