package com.codexmanager.gateway.sse;

import com.codexmanager.json.JsonBytes;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * The top-level fields of a Responses delta event: {@code delta} (text or argument fragment), {@code output_index}
 * and {@code summary_index} (-1 when absent). Immutable.
 */
public record Delta(String text, int outputIndex, int summaryIndex) {
    static final Delta NONE = new Delta(null, -1, -1);
    private static final int OTHER = 0;
    private static final int DELTA = 1;
    private static final int OUTPUT_INDEX = 2;
    private static final int SUMMARY_INDEX = 3;

    static Delta read(String data) {
        try (JsonReader reader = new JsonReader(new StringReader(data))) {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                return NONE;
            }
            reader.beginObject();
            String text = null;
            int output = -1;
            int summary = -1;
            while (reader.hasNext()) {
                String name = reader.nextName();
                JsonToken token = reader.peek();
                if (name.equals("delta") && token == JsonToken.STRING) {
                    text = reader.nextString();
                } else if (name.equals("output_index") && token == JsonToken.NUMBER) {
                    output = reader.nextInt();
                } else if (name.equals("summary_index") && token == JsonToken.NUMBER) {
                    summary = reader.nextInt();
                } else {
                    reader.skipValue();
                }
            }
            return new Delta(text, output, summary);
        } catch (IOException | IllegalStateException | JsonParseException | NumberFormatException e) {
            return NONE;
        }
    }

    /**
     * The same fields read from JSON held as UTF-8 bytes at {@code [start, end)} (one data line of a received frame),
     * by the rules of {@link #read(String)}: members in order, a later {@code delta} string or index number replacing
     * an earlier one, other values skipped. {@code null} when the bytes are anything but a strict JSON object with
     * plain integer indexes; the caller then reads the decoded text, so every answer is the one {@link #read} gives.
     */
    static Delta read(byte[] b, int start, int end) {
        try {
            int i = JsonBytes.skipWhitespace(b, start);
            if (i >= end || b[i] != '{') {
                return null;
            }
            String text = null;
            int output = -1;
            int summary = -1;
            i = JsonBytes.skipWhitespace(b, i + 1);
            if (i < end && b[i] == '}') {
                return new Delta(null, -1, -1);
            }
            while (i < end && b[i] == '"') {
                int nameEnd = JsonBytes.stringEnd(b, i);
                int name = nameOf(b, i, nameEnd);
                int colon = JsonBytes.skipWhitespace(b, nameEnd);
                if (colon >= end || b[colon] != ':') {
                    return null;
                }
                int value = JsonBytes.skipWhitespace(b, colon + 1);
                int valueEnd = JsonBytes.valueEnd(b, value, 1);
                if (valueEnd > end) {
                    return null;
                }
                byte kind = b[value];
                boolean number = kind == '-' || (kind >= '0' && kind <= '9');
                if (name == DELTA && kind == '"') {
                    text = JsonBytes.string(b, value, valueEnd);
                } else if (name == OUTPUT_INDEX && number) {
                    output = plainInt(b, value, valueEnd);
                } else if (name == SUMMARY_INDEX && number) {
                    summary = plainInt(b, value, valueEnd);
                }
                if (output == Integer.MIN_VALUE || summary == Integer.MIN_VALUE) {
                    return null;
                }
                i = JsonBytes.skipWhitespace(b, valueEnd);
                if (i < end && b[i] == '}') {
                    return new Delta(text, output, summary);
                }
                if (i >= end || b[i] != ',') {
                    return null;
                }
                i = JsonBytes.skipWhitespace(b, i + 1);
            }
            return null;
        } catch (JsonBytes.MalformedJsonException e) {
            return null;
        }
    }

    /** Which of the three wanted names the name token {@code [start, end)} is, compared as bytes unless escaped. */
    private static int nameOf(byte[] b, int start, int end) {
        for (int k = start + 1; k < end - 1; k++) {
            if (b[k] == '\\') {
                String name = JsonBytes.string(b, start, end);
                return name.equals("delta") ? DELTA : name.equals("output_index") ? OUTPUT_INDEX
                        : name.equals("summary_index") ? SUMMARY_INDEX : OTHER;
            }
        }
        return is(b, start, end, "delta") ? DELTA : is(b, start, end, "output_index") ? OUTPUT_INDEX
                : is(b, start, end, "summary_index") ? SUMMARY_INDEX : OTHER;
    }

    private static boolean is(byte[] b, int start, int end, String ascii) {
        if (end - start - 2 != ascii.length()) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (b[start + 1 + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A number written as a plain int (up to nine digits); {@link Integer#MIN_VALUE} for any other spelling. */
    private static int plainInt(byte[] b, int start, int end) {
        int i = b[start] == '-' ? start + 1 : start;
        if (end - i < 1 || end - i > 9) {
            return Integer.MIN_VALUE;
        }
        int value = 0;
        for (int k = i; k < end; k++) {
            if (b[k] < '0' || b[k] > '9') {
                return Integer.MIN_VALUE;
            }
            value = value * 10 + (b[k] - '0');
        }
        return i > start ? -value : value;
    }

    static Delta of(JsonObject json) {
        return new Delta(string(json.get("delta")), number(json.get("output_index")),
                number(json.get("summary_index")));
    }

    private static String string(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    private static int number(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsInt() : -1;
    }
}
