package com.codexmanager.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict scanning of JSON text held as UTF-8 bytes (RFC 8259: no comments, no unquoted names, no trailing commas,
 * strings valid UTF-8), without building values: finds where a value ends so that bodies which are forwarded
 * mostly as they are can be copied by byte range instead of being parsed into a tree and written again. Only the
 * few strings a caller asks for are decoded. Iterative, nesting limited to {@value #MAX_DEPTH} levels. Stateless.
 */
public final class JsonBytes {
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** Gson's own limit ({@code JsonReader}), so a body refused by the tree parse is refused here too. */
    public static final int MAX_DEPTH = 255;
    /**
     * Gson's strict parse refuses a number that fills its 1,024-character read buffer (it reads as an unquoted
     * literal), so a number that long is refused here too.
     */
    static final int MAX_NUMBER_CHARS = 1024;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private JsonBytes() {
    }

    /** The text is not strict JSON (or not UTF-8); {@link #position()} is where the scan stopped. */
    public static final class MalformedJsonException extends RuntimeException {
        private final int position;

        MalformedJsonException(String reason, int position) {
            super(reason + " at byte " + position);
            this.position = position;
        }

        public int position() {
            return position;
        }
    }

    /** The first index at or after {@code i} that is not JSON whitespace ({@code b.length} at the end). */
    public static int skipWhitespace(byte[] b, int i) {
        while (i < b.length) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }

    /** Checks that nothing but whitespace follows the top-level value that ends at {@code end}. */
    public static void requireOnlyWhitespaceAfter(byte[] b, int end) {
        int after = skipWhitespace(b, end);
        if (after != b.length) {
            throw new MalformedJsonException("trailing data after the JSON value", after);
        }
    }

    /** The index just past the value that starts at {@code i} (no whitespace before it), validating it. */
    public static int valueEnd(byte[] b, int i) {
        return valueEnd(b, i, 0);
    }

    /** The same for a value inside {@code enclosingDepth} containers, which count toward {@link #MAX_DEPTH}. */
    public static int valueEnd(byte[] b, int i, int enclosingDepth) {
        boolean[] inObject = new boolean[16];
        int depth = 0;
        int maxDepth = MAX_DEPTH - enclosingDepth;
        while (true) {
            // at the start of a value
            byte c = at(b, i);
            if (c == '{' || c == '[') {
                if (depth >= maxDepth) {
                    throw new MalformedJsonException("nesting deeper than " + MAX_DEPTH, i);
                }
                if (depth == inObject.length) {
                    inObject = Arrays.copyOf(inObject, depth * 2);
                }
                inObject[depth++] = c == '{';
                i = skipWhitespace(b, i + 1);
                if (at(b, i) == (c == '{' ? '}' : ']')) {
                    depth--;
                    i++;
                } else {
                    if (c == '{') {
                        i = memberValueStart(b, i);
                    }
                    continue;
                }
            } else {
                i = scalarEnd(b, i, c);
            }
            // after a value: close containers or move to the next element
            while (true) {
                if (depth == 0) {
                    return i;
                }
                i = skipWhitespace(b, i);
                byte next = at(b, i);
                if (next == ',') {
                    i = skipWhitespace(b, i + 1);
                    if (inObject[depth - 1]) {
                        i = memberValueStart(b, i);
                    }
                    break;
                }
                if (next != (inObject[depth - 1] ? '}' : ']')) {
                    throw new MalformedJsonException(inObject[depth - 1] ? "expected ',' or '}'"
                            : "expected ',' or ']'", i);
                }
                depth--;
                i++;
            }
        }
    }

    /** From a member's name (at {@code i}) past its colon to the start of its value. */
    private static int memberValueStart(byte[] b, int i) {
        if (at(b, i) != '"') {
            throw new MalformedJsonException("expected a quoted name", i);
        }
        i = skipWhitespace(b, stringEnd(b, i));
        if (at(b, i) != ':') {
            throw new MalformedJsonException("expected ':'", i);
        }
        return skipWhitespace(b, i + 1);
    }

    private static int scalarEnd(byte[] b, int i, byte c) {
        return switch (c) {
            case '"' -> stringEnd(b, i);
            case 't' -> literalEnd(b, i, "true");
            case 'f' -> literalEnd(b, i, "false");
            case 'n' -> literalEnd(b, i, "null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield numberEnd(b, i);
                }
                throw new MalformedJsonException("unexpected character", i);
            }
        };
    }

    /** The index just past the string token whose opening quote is at {@code i}, validating escapes and UTF-8. */
    public static int stringEnd(byte[] b, int i) {
        i++;
        while (i < b.length) {
            while (i + 8 <= b.length && plainAscii((long) LONGS.get(b, i))) {
                i += 8;
            }
            if (i >= b.length) {
                break;
            }
            int c = b[i] & 0xff;
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                byte e = at(b, i + 1);
                if (e == 'u') {
                    for (int k = 2; k < 6; k++) {
                        if (Character.digit(at(b, i + k), 16) < 0) {
                            throw new MalformedJsonException("bad \\u escape", i);
                        }
                    }
                    i += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
                        || e == 't') {
                    i += 2;
                } else {
                    throw new MalformedJsonException("bad escape", i);
                }
            } else if (c < 0x20) {
                throw new MalformedJsonException("control character in a string", i);
            } else if (c < 0x80) {
                i++;
            } else {
                i = utf8End(b, i, c);
            }
        }
        throw new MalformedJsonException("unterminated string", i);
    }

    /**
     * Whether none of eight bytes needs a look: no quote, backslash, control character or non-ASCII byte (the
     * word-at-a-time tests of "Bit Twiddling Hacks"); conversation text is mostly such runs, so the scan moves
     * eight bytes per step through it.
     */
    static boolean plainAscii(long x) {
        long quote = x ^ 0x2222222222222222L;
        long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
        long special = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | (x - 0x2020202020202020L) | x;
        return (special & HIGH_BITS) == 0;
    }

    /** Past one multi-byte UTF-8 sequence whose lead byte {@code c} is at {@code i} (RFC 3629 ranges). */
    private static int utf8End(byte[] b, int i, int c) {
        int length;
        int min = 0x80;
        int max = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            min = c == 0xE0 ? 0xA0 : 0x80;
            max = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            min = c == 0xF0 ? 0x90 : 0x80;
            max = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw new MalformedJsonException("not UTF-8", i);
        }
        for (int k = 1; k < length; k++) {
            int next = i + k < b.length ? b[i + k] & 0xff : -1;
            if (next < (k == 1 ? min : 0x80) || next > (k == 1 ? max : 0xBF)) {
                throw new MalformedJsonException("not UTF-8", i);
            }
        }
        return i + length;
    }

    private static int numberEnd(byte[] b, int i) {
        int start = i;
        if (b[i] == '-') {
            i++;
        }
        if (at(b, i) == '0') {
            i++;
        } else {
            i = digitsEnd(b, i, start);
        }
        if (i < b.length && b[i] == '.') {
            i = digitsEnd(b, i + 1, start);
        }
        if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < b.length && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            i = digitsEnd(b, i, start);
        }
        if (i - start >= MAX_NUMBER_CHARS) {
            throw new MalformedJsonException("number longer than " + (MAX_NUMBER_CHARS - 1) + " characters", start);
        }
        return i;
    }

    private static int digitsEnd(byte[] b, int i, int numberStart) {
        int first = i;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        if (i == first) {
            throw new MalformedJsonException("bad number", numberStart);
        }
        return i;
    }

    private static int literalEnd(byte[] b, int i, String literal) {
        for (int k = 0; k < literal.length(); k++) {
            if (at(b, i + k) != literal.charAt(k)) {
                throw new MalformedJsonException("unexpected character", i);
            }
        }
        return i + literal.length();
    }

    private static byte at(byte[] b, int i) {
        if (i >= b.length) {
            throw new MalformedJsonException("unexpected end", i);
        }
        return b[i];
    }

    /** The value of the (already validated) string token {@code [start, end)}, quotes included. */
    public static String string(byte[] b, int start, int end) {
        int from = start + 1;
        int to = end - 1;
        int escape = indexOf(b, from, to, (byte) '\\');
        if (escape < 0) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(to - from);
        while (escape >= 0) {
            out.append(new String(b, from, escape - from, StandardCharsets.UTF_8));
            byte e = b[escape + 1];
            if (e == 'u') {
                out.append((char) Integer.parseInt(new String(b, escape + 2, 4, StandardCharsets.US_ASCII), 16));
                from = escape + 6;
            } else {
                out.append(escaped(e));
                from = escape + 2;
            }
            escape = indexOf(b, from, to, (byte) '\\');
        }
        return out.append(new String(b, from, to - from, StandardCharsets.UTF_8)).toString();
    }

    /** The character a one-letter escape ({@code \b}, {@code \n}, {@code \"} …) stands for, by its letter. */
    static char escaped(int letter) {
        return switch (letter) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> (char) letter;
        };
    }

    /**
     * A scalar token as Gson's {@code getAsString} would give it: a string's value, a number's or a boolean's text;
     * {@code null} for {@code null}, objects and arrays.
     */
    public static String scalarText(byte[] b, int start, int end) {
        return switch (b[start]) {
            case '"' -> string(b, start, end);
            case 'n', '{', '[' -> null;
            default -> new String(b, start, end - start, StandardCharsets.US_ASCII);
        };
    }

    private static int indexOf(byte[] b, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
