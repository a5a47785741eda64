package com.codexmanager.gateway.sse;

import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one received event frame (its lines, {@code \n}, {@code \r\n} or {@code \r} ended, and the
 * closing blank line) following the SSE rules: comment lines start with {@code :}, a field's value starts after
 * the first colon and one optional space, unknown fields are ignored. Stateless.
 */
final class SseLines {
    record Fields(String event, String data) {
    }

    private SseLines() {
    }

    static Fields decode(byte[] wire) {
        String event = "";
        StringBuilder data = null;
        int i = 0;
        while (i < wire.length) {
            int end = lineEnd(wire, i);
            if (end > i && wire[i] != ':') {
                int colon = indexOf(wire, (byte) ':', i, end);
                int nameEnd = colon < 0 ? end : colon;
                int valueStart = colon < 0 ? end : colon + 1;
                if (valueStart < end && wire[valueStart] == ' ') {
                    valueStart++;
                }
                if (is(wire, i, nameEnd, "event")) {
                    event = new String(wire, valueStart, end - valueStart, StandardCharsets.UTF_8);
                } else if (is(wire, i, nameEnd, "data")) {
                    if (data == null) {
                        data = new StringBuilder(end - valueStart);
                    } else {
                        data.append('\n');
                    }
                    data.append(new String(wire, valueStart, end - valueStart, StandardCharsets.UTF_8));
                }
            }
            i = next(wire, end);
        }
        return new Fields(event, data == null ? "" : data.toString());
    }

    /** The start of the first {@code data} line's value, or -1 when the frame has none. */
    static int firstDataLine(byte[] wire) {
        return firstDataLine(wire, 0, wire.length);
    }

    /** {@link #firstDataLine(byte[])} of the frame in {@code b[from, to)}. */
    static int firstDataLine(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int end = lineEnd(b, i, to);
            if (end - i >= 4 && is(b, i, Math.min(end, i + 4), "data") && (end == i + 4 || b[i + 4] == ':')) {
                int value = Math.min(end, i + 5);
                return value < end && b[value] == ' ' ? value + 1 : value;
            }
            i = next(b, end, to);
        }
        return -1;
    }

    /**
     * Where the top-level JSON {@code type} string of the frame in {@code b[from, to)} is, as {@link JsonType#range}
     * gives it, when the frame has a single data line; {@link JsonType#NEEDS_DECODING} for any other frame.
     */
    static long typeRange(byte[] b, int from, int to) {
        int start = firstDataLine(b, from, to);
        if (start < 0) {
            return JsonType.NEEDS_DECODING;
        }
        int end = lineEnd(b, start, to);
        return onlyDataLine(b, end, to) ? JsonType.range(b, start, end) : JsonType.NEEDS_DECODING;
    }

    /**
     * The top-level JSON {@code type} of the frame's data, read from the bytes of a single data line; a frame with
     * several data lines is decoded first. {@code null} when the data has no such field or is not JSON.
     */
    static String topLevelType(byte[] wire) {
        int start = firstDataLine(wire);
        if (start < 0) {
            return null;
        }
        int end = lineEnd(wire, start);
        if (!onlyDataLine(wire, end)) {
            return typeOf(decode(wire).data());
        }
        String found = JsonType.scan(wire, start, end);
        return found == JsonType.UNSURE ? slowType(decode(wire).data()) : found;
    }

    /**
     * The fields of a delta event read from the bytes of its single data line; {@code null} when the frame has
     * several data lines or the bytes need the decoded text ({@link Delta#read(byte[], int, int)}).
     */
    static Delta delta(byte[] wire) {
        int start = firstDataLine(wire);
        if (start < 0) {
            return null;
        }
        int end = lineEnd(wire, start);
        return onlyDataLine(wire, end) ? Delta.read(wire, start, end) : null;
    }

    /** Whether nothing but the closing blank line follows the data line that ends at {@code end}. */
    private static boolean onlyDataLine(byte[] wire, int end) {
        return onlyDataLine(wire, end, wire.length);
    }

    private static boolean onlyDataLine(byte[] b, int end, int to) {
        int after = next(b, end, to);
        return after >= to || lineEnd(b, after, to) == after;
    }

    /** The top-level JSON {@code type} of decoded data; {@code null} when absent or not JSON. */
    static String typeOf(String data) {
        String found = JsonType.scan(data);
        return found == JsonType.UNSURE ? slowType(data) : found;
    }

    private static String slowType(String data) {
        try {
            var element = com.google.gson.JsonParser.parseString(data);
            if (element.isJsonObject() && element.getAsJsonObject().get("type") instanceof
                    com.google.gson.JsonPrimitive p && p.isString()) {
                return p.getAsString();
            }
        } catch (com.google.gson.JsonParseException e) {
            // not JSON: the caller falls back to the event name
        }
        return null;
    }

    private static int lineEnd(byte[] b, int from) {
        return lineEnd(b, from, b.length);
    }

    private static int lineEnd(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] != '\n' && b[i] != '\r') {
            i++;
        }
        return i;
    }

    private static int next(byte[] b, int lineEnd) {
        return next(b, lineEnd, b.length);
    }

    private static int next(byte[] b, int lineEnd, int to) {
        if (lineEnd >= to) {
            return to;
        }
        return b[lineEnd] == '\r' && lineEnd + 1 < to && b[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean is(byte[] b, int from, int to, String ascii) {
        if (to - from != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
