package com.codexmanager.json;

/**
 * A string as a JSON string literal, escaped exactly as Gson escapes it (quote, backslash, {@code \t \b \n \r \f},
 * other control characters as lower-case {@code \}{@code u00xx}, U+2028 and U+2029), so frames assembled around it
 * read byte for byte like frames Gson wrote from a tree. For the per-delta frames of the adapted streams, which
 * would otherwise build a small tree and write it for every delta. Stateless.
 */
public final class JsonStrings {
    private JsonStrings() {
    }

    /** {@code s} quoted and escaped; {@code null} for a null string, as Gson writes a null property. */
    public static String quoted(String s) {
        if (s == null) {
            return "null";
        }
        int length = s.length();
        int k = 0;
        while (k < length && !needsEscape(s.charAt(k))) {
            k++;
        }
        if (k == length) {
            return "\"" + s + "\"";
        }
        StringBuilder out = new StringBuilder(length + 16).append('"').append(s, 0, k);
        for (; k < length; k++) {
            char c = s.charAt(k);
            if (!needsEscape(c)) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\' || c == '\u2028' || c == '\u2029';
    }
}
