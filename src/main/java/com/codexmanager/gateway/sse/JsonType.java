package com.codexmanager.gateway.sse;

import java.nio.charset.StandardCharsets;

/**
 * Finds the top-level {@code "type"} string of a JSON object by scanning its bytes, without building a tree: the
 * relay needs the type of every event but the rest of only a few. Skips nested objects, arrays and strings
 * (escapes included), so a {@code "type"} inside {@code item} or {@code response} is never mistaken for the
 * event's own. Stateless.
 */
final class JsonType {
    /** Returned when the bytes are not a plain JSON object or the value needs real decoding. */
    static final String UNSURE = new String("unsure");
    /** {@link #range}: the object has no top-level {@code type} string. */
    static final long ABSENT = -1;
    /** {@link #range}: the bytes are not a plain JSON object, or the value has escapes. */
    static final long NEEDS_DECODING = -2;

    private JsonType() {
    }

    /**
     * @return the type, {@code null} when the object has no top-level {@code type} string, or {@link #UNSURE}
     */
    static String scan(byte[] b, int from, int to) {
        long range = range(b, from, to);
        if (range == ABSENT) {
            return null;
        }
        if (range == NEEDS_DECODING) {
            return UNSURE;
        }
        int start = (int) (range >>> 32);
        return new String(b, start, (int) range - start, StandardCharsets.UTF_8);
    }

    /**
     * Where the top-level {@code type} string's characters are, without decoding them: its start index in the high
     * 32 bits and its end (exclusive) in the low 32; or {@link #ABSENT} or {@link #NEEDS_DECODING}.
     */
    static long range(byte[] b, int from, int to) {
        int i = skipSpace(b, from, to);
        if (i >= to || b[i] != '{') {
            return NEEDS_DECODING;
        }
        int depth = 0;
        while (i < to) {
            byte c = b[i];
            if (c == '"') {
                int end = stringEnd(b, i, to);
                if (end < 0) {
                    return NEEDS_DECODING;
                }
                if (depth == 1) {
                    int colon = skipSpace(b, end + 1, to);
                    if (colon < to && b[colon] == ':' && isTypeKey(b, i + 1, end)) {
                        return valueRange(b, skipSpace(b, colon + 1, to), to);
                    }
                }
                i = end + 1;
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return ABSENT;
                }
            }
            i++;
        }
        return NEEDS_DECODING;
    }

    static String scan(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return scan(bytes, 0, bytes.length);
    }

    private static boolean isTypeKey(byte[] b, int start, int end) {
        return end - start == 4 && b[start] == 't' && b[start + 1] == 'y' && b[start + 2] == 'p'
                && b[start + 3] == 'e';
    }

    private static long valueRange(byte[] b, int i, int to) {
        if (i >= to || b[i] != '"') {
            return ABSENT;
        }
        int end = stringEnd(b, i, to);
        if (end < 0) {
            return NEEDS_DECODING;
        }
        for (int k = i + 1; k < end; k++) {
            if (b[k] == '\\') {
                return NEEDS_DECODING;
            }
        }
        return (long) (i + 1) << 32 | end;
    }

    /** Index of the closing quote of the string that opens at {@code quote}, or -1. */
    private static int stringEnd(byte[] b, int quote, int to) {
        for (int k = quote + 1; k < to; k++) {
            byte c = b[k];
            if (c == '\\') {
                k++;
            } else if (c == '"') {
                return k;
            }
        }
        return -1;
    }

    private static int skipSpace(byte[] b, int i, int to) {
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }
}
