package com.codexmanager.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a Gson tree straight from strict JSON held as UTF-8 bytes: the tree {@link Json#parse} gives for the same
 * text (numbers as Gson's lazily parsed numbers, a repeated name keeps its first position and its last value, a
 * leading byte-order mark skipped), without the detour through a {@code String}, a {@code Reader} and Gson's char
 * buffer. The text is validated first by {@link JsonBytes} (RFC 8259, UTF-8, nesting as deep as Gson allows), so
 * the builder reads known-good tokens and takes plain ASCII strings eight bytes at a time. One instance per text,
 * inside {@link #parse}.
 */
public final class JsonTreeReader {
    private final byte[] b;
    private int i;
    private char[] chars = new char[256];
    private byte[] utf8 = new byte[256];

    private JsonTreeReader(byte[] b, int start) {
        this.b = b;
        this.i = start;
    }

    /**
     * The JSON value in {@code bytes}; {@link JsonNull} for a text of only whitespace, as Gson's parser answers.
     *
     * @throws JsonBytes.MalformedJsonException when the text is not strict JSON or not UTF-8
     */
    public static JsonElement parse(byte[] bytes) {
        boolean byteOrderMark = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF;
        int start = JsonBytes.skipWhitespace(bytes, byteOrderMark ? 3 : 0);
        if (start == bytes.length) {
            return JsonNull.INSTANCE;
        }
        JsonBytes.requireOnlyWhitespaceAfter(bytes, JsonBytes.valueEnd(bytes, start));
        return new JsonTreeReader(bytes, start).value();
    }

    private JsonElement value() {
        switch (b[i]) {
            case '{' -> {
                return object();
            }
            case '[' -> {
                return array();
            }
            case '"' -> {
                return new JsonPrimitive(string());
            }
            case 't' -> {
                i += 4;
                return new JsonPrimitive(Boolean.TRUE);
            }
            case 'f' -> {
                i += 5;
                return new JsonPrimitive(Boolean.FALSE);
            }
            case 'n' -> {
                i += 4;
                return JsonNull.INSTANCE;
            }
            default -> {
                return number(); // the text was validated: anything else here starts a number
            }
        }
    }

    private JsonObject object() {
        JsonObject object = new JsonObject();
        i = JsonBytes.skipWhitespace(b, i + 1);
        if (b[i] == '}') {
            i++;
            return object;
        }
        while (true) {
            String name = string();
            // past the whitespace, the colon and the whitespace after it
            i = JsonBytes.skipWhitespace(b, JsonBytes.skipWhitespace(b, i) + 1);
            object.add(name, value());
            i = JsonBytes.skipWhitespace(b, i);
            if (b[i++] == '}') {
                return object;
            }
            i = JsonBytes.skipWhitespace(b, i);
        }
    }

    private JsonArray array() {
        JsonArray array = new JsonArray();
        i = JsonBytes.skipWhitespace(b, i + 1);
        if (b[i] == ']') {
            i++;
            return array;
        }
        while (true) {
            array.add(value());
            i = JsonBytes.skipWhitespace(b, i);
            if (b[i++] == ']') {
                return array;
            }
            i = JsonBytes.skipWhitespace(b, i);
        }
    }

    /** The string token at {@code i} (already validated); plain ASCII runs are copied without decoding. */
    private String string() {
        int from = i + 1;
        int j = from;
        boolean ascii = true;
        while (true) {
            while (j + 8 <= b.length && JsonBytes.plainAscii((long) JsonBytes.LONGS.get(b, j))) {
                j += 8;
            }
            byte c = b[j];
            if (c == '"') {
                i = j + 1;
                return new String(b, from, j - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            }
            if (c == '\\') {
                return decodedViaUtf8(from);
            }
            if (c < 0) {
                ascii = false;
            }
            j++;
        }
    }

    /**
     * A string with escapes (code in a conversation has one on every line, so this is the common case for large
     * bodies): the runs between escapes are copied as bytes into a reused buffer, each escape is written there as
     * UTF-8, and the buffer is decoded once. An escaped surrogate that is not half of a pair has no UTF-8 form, so
     * such a string is decoded char by char instead.
     */
    private String decodedViaUtf8(int from) {
        int n = 0;
        int run = from;
        int j = from;
        while (true) {
            while (j + 8 <= b.length && !quoteOrBackslash((long) JsonBytes.LONGS.get(b, j))) {
                j += 8;
            }
            byte c = b[j];
            if (c != '"' && c != '\\') {
                j++;
                continue;
            }
            int length = j - run;
            if (n + length + 4 > utf8.length) {
                utf8 = Arrays.copyOf(utf8, Math.max(utf8.length * 2, n + length + 4));
            }
            System.arraycopy(b, run, utf8, n, length);
            n += length;
            if (c == '"') {
                i = j + 1;
                return new String(utf8, 0, n, StandardCharsets.UTF_8);
            }
            byte e = b[j + 1];
            if (e != 'u') {
                utf8[n++] = (byte) JsonBytes.escaped(e);
                j += 2;
            } else {
                int unit = unit(j);
                int codePoint = unit;
                j += 6;
                if (Character.isSurrogate((char) unit)) {
                    int low = Character.isHighSurrogate((char) unit) && j + 1 < b.length && b[j] == '\\'
                            && b[j + 1] == 'u' ? unit(j) : -1;
                    if (low < 0 || !Character.isLowSurrogate((char) low)) {
                        return decodedCharByChar(from);
                    }
                    codePoint = Character.toCodePoint((char) unit, (char) low);
                    j += 6;
                }
                n = encode(codePoint, n);
            }
            run = j;
        }
    }

    /** The code unit of the {@code \}{@code uXXXX} escape at {@code j}. */
    private int unit(int j) {
        return hex(b[j + 2]) << 12 | hex(b[j + 3]) << 8 | hex(b[j + 4]) << 4 | hex(b[j + 5]);
    }

    /** Writes {@code codePoint} (not a surrogate) as UTF-8 at {@code utf8[n]}; returns the new length. */
    private int encode(int codePoint, int n) {
        if (codePoint < 0x80) {
            utf8[n++] = (byte) codePoint;
        } else if (codePoint < 0x800) {
            utf8[n++] = (byte) (0xC0 | codePoint >> 6);
            utf8[n++] = (byte) (0x80 | codePoint & 0x3F);
        } else if (codePoint < 0x10000) {
            utf8[n++] = (byte) (0xE0 | codePoint >> 12);
            utf8[n++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            utf8[n++] = (byte) (0x80 | codePoint & 0x3F);
        } else {
            utf8[n++] = (byte) (0xF0 | codePoint >> 18);
            utf8[n++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            utf8[n++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            utf8[n++] = (byte) (0x80 | codePoint & 0x3F);
        }
        return n;
    }

    /** Whether any of eight bytes is a quote or a backslash. */
    private static boolean quoteOrBackslash(long x) {
        long quote = x ^ 0x2222222222222222L;
        long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
        return ((((quote - 0x0101010101010101L) & ~quote) | ((backslash - 0x0101010101010101L) & ~backslash))
                & 0x8080808080808080L) != 0;
    }

    /**
     * A string with escapes decoded char by char into a reused buffer: the way for the rare string with an escaped
     * surrogate that is not half of a pair.
     */
    private String decodedCharByChar(int from) {
        int n = 0;
        int j = from;
        while (true) {
            if (n + 8 > chars.length) {
                chars = Arrays.copyOf(chars, chars.length * 2);
            }
            if (j + 8 <= b.length && JsonBytes.plainAscii((long) JsonBytes.LONGS.get(b, j))) {
                for (int end = j + 8; j < end; j++) {
                    chars[n++] = (char) b[j];
                }
                continue;
            }
            int c = b[j];
            if (c == '"') {
                i = j + 1;
                return new String(chars, 0, n);
            }
            if (c >= 0 && c != '\\') {
                chars[n++] = (char) c;
                j++;
            } else if (c == '\\') {
                int e = b[j + 1];
                if (e == 'u') {
                    chars[n++] = (char) (hex(b[j + 2]) << 12 | hex(b[j + 3]) << 8 | hex(b[j + 4]) << 4
                            | hex(b[j + 5]));
                    j += 6;
                } else {
                    chars[n++] = JsonBytes.escaped(e);
                    j += 2;
                }
            } else {
                // a multi-byte UTF-8 sequence, already validated
                int lead = c & 0xff;
                if (lead < 0xE0) {
                    chars[n++] = (char) ((lead & 0x1F) << 6 | (b[j + 1] & 0x3F));
                    j += 2;
                } else if (lead < 0xF0) {
                    chars[n++] = (char) ((lead & 0x0F) << 12 | (b[j + 1] & 0x3F) << 6 | (b[j + 2] & 0x3F));
                    j += 3;
                } else {
                    int codePoint = (lead & 0x07) << 18 | (b[j + 1] & 0x3F) << 12 | (b[j + 2] & 0x3F) << 6
                            | (b[j + 3] & 0x3F);
                    chars[n++] = Character.highSurrogate(codePoint);
                    chars[n++] = Character.lowSurrogate(codePoint);
                    j += 4;
                }
            }
        }
    }

    private static int hex(byte c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    private JsonPrimitive number() {
        int from = i;
        while (i < b.length && isNumberByte(b[i])) {
            i++;
        }
        return new JsonPrimitive(new LazilyParsedNumber(new String(b, from, i - from, StandardCharsets.ISO_8859_1)));
    }

    private static boolean isNumberByte(byte c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }
}
