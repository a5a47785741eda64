package com.codexmanager.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Writes a Gson tree as UTF-8 JSON, byte for byte what {@code element.toString().getBytes(UTF_8)} gives (Gson's
 * escapes: quote, backslash, {@code \t \b \n \r \f}, other control characters as lower-case {@code \}{@code u00xx},
 * U+2028 and U+2029; nulls kept; numbers as their own text), without the detour through a {@code StringWriter}
 * and a second copy for the encoding: each string is encoded in one call and copied eight bytes at a time between
 * the bytes that need an escape. One instance per tree, inside {@link #utf8}.
 */
public final class JsonTreeWriter {
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] LINE_SEPARATOR = "\\u2028".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PARAGRAPH_SEPARATOR = "\\u2029".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] ESCAPES = new byte[128][];
    private static final long ONES = 0x0101010101010101L;
    /** The classes whose text Gson writes unchecked; NaN and the infinities pass too (Gson's tree text is lenient). */
    private static final Set<Class<?>> TRUSTED_NUMBERS = Set.of(Integer.class, Long.class, Double.class, Float.class,
            Byte.class, Short.class, BigDecimal.class, BigInteger.class, AtomicInteger.class, AtomicLong.class);
    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");
    private static final Pattern JSON_NUMBER = Pattern.compile(
            "-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");
    private static final long HIGH_BITS = 0x8080808080808080L;

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = String.format("\\u%04x", c).getBytes(StandardCharsets.US_ASCII);
        }
        ESCAPES['"'] = new byte[] {'\\', '"'};
        ESCAPES['\\'] = new byte[] {'\\', '\\'};
        ESCAPES['\t'] = new byte[] {'\\', 't'};
        ESCAPES['\b'] = new byte[] {'\\', 'b'};
        ESCAPES['\n'] = new byte[] {'\\', 'n'};
        ESCAPES['\r'] = new byte[] {'\\', 'r'};
        ESCAPES['\f'] = new byte[] {'\\', 'f'};
    }

    private byte[] out;
    private int size;

    private JsonTreeWriter(int capacity) {
        out = new byte[capacity];
    }

    /** The tree as UTF-8 JSON text. */
    public static byte[] utf8(JsonElement element) {
        JsonTreeWriter writer = new JsonTreeWriter(256);
        writer.value(element);
        return Arrays.copyOf(writer.out, writer.size);
    }

    private void value(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            write(NULL);
        } else if (element instanceof JsonPrimitive primitive) {
            if (primitive.isString()) {
                string(primitive.getAsString());
            } else if (primitive.isBoolean()) {
                write(primitive.getAsBoolean() ? TRUE : FALSE);
            } else {
                number(primitive.getAsNumber());
            }
        } else if (element instanceof JsonArray array) {
            byte separator = '[';
            for (JsonElement item : array) {
                write(separator);
                separator = ',';
                value(item);
            }
            if (separator == '[') {
                write((byte) '[');
            }
            write((byte) ']');
        } else {
            byte separator = '{';
            for (Map.Entry<String, JsonElement> member : ((JsonObject) element).entrySet()) {
                write(separator);
                separator = ',';
                string(member.getKey());
                write((byte) ':');
                value(member.getValue());
            }
            if (separator == '{') {
                write((byte) '{');
            }
            write((byte) '}');
        }
    }

    /** A number as its own text; like Gson, refuses the text of an unknown number class that is not JSON. */
    private void number(Number number) {
        String text = number.toString();
        if (!TRUSTED_NUMBERS.contains(number.getClass()) && !NON_FINITE.contains(text)
                && !JSON_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("not a JSON number: " + text);
        }
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A quoted string: encoded to UTF-8 in one call (an unpaired surrogate becomes {@code ?} as it does when Gson's
     * text is encoded), then copied eight bytes at a time up to each byte that needs an escape.
     */
    private void string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length + 2);
        out[size++] = '"';
        int run = 0;
        int k = 0;
        while (k < utf8.length) {
            while (k + 8 <= utf8.length && !mayNeedEscape((long) JsonBytes.LONGS.get(utf8, k))) {
                k += 8;
            }
            if (k >= utf8.length) {
                break;
            }
            int c = utf8[k] & 0xff;
            byte[] escape = null;
            if (c < 0x80) {
                escape = ESCAPES[c];
            } else if (c == 0xE2 && k + 2 < utf8.length && utf8[k + 1] == (byte) 0x80
                    && (utf8[k + 2] == (byte) 0xA8 || utf8[k + 2] == (byte) 0xA9)) {
                escape = utf8[k + 2] == (byte) 0xA8 ? LINE_SEPARATOR : PARAGRAPH_SEPARATOR;
            }
            if (escape == null) {
                k++;
                continue;
            }
            write(utf8, run, k - run);
            write(escape, 0, escape.length);
            k += c < 0x80 ? 1 : 3;
            run = k;
        }
        write(utf8, run, utf8.length - run);
        write((byte) '"');
    }

    /** Whether any of eight bytes is a control character, a quote, a backslash or 0xE2 (the lead of U+2028/9). */
    private static boolean mayNeedEscape(long x) {
        long quote = x ^ 0x2222222222222222L;
        long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
        long lead = x ^ 0xE2E2E2E2E2E2E2E2L;
        // a byte is below 0x20 when subtracting 0x20 borrows and its own high bit was clear
        long control = (x - 0x2020202020202020L) & ~x;
        long zeros = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((lead - ONES) & ~lead);
        return ((zeros | control) & HIGH_BITS) != 0;
    }

    private void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    private void write(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, out, size, length);
        size += length;
    }

    private void write(byte c) {
        ensure(1);
        out[size++] = c;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }
}
