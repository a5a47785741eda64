package com.codexmanager.gateway.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a received frame's top-level JSON {@code type} where the frame lies, without copying the frame or decoding
 * the type, so a passthrough relay can forward the most frequent events with no allocation at all. Only the plain
 * case is read here (one data line holding a JSON object whose {@code type} string has no escapes); for any other
 * frame {@link #read} says no and the caller decodes it as an {@link SseEvent}. One per stream, reused for every
 * frame. Not thread-safe.
 */
public final class FrameType {
    private byte[] frame;
    private int start;
    private int end;

    /** A type to compare with {@link #is} (event types are ASCII). */
    public static byte[] of(String type) {
        return type.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads the frame in {@code frame[from, to)}.
     *
     * @return whether it is the plain case; only then may {@link #is} be asked, until the next read
     */
    public boolean read(byte[] frame, int from, int to) {
        long range = SseLines.typeRange(frame, from, to);
        if (range < 0) {
            this.frame = null;
            return false;
        }
        this.frame = frame;
        this.start = (int) (range >>> 32);
        this.end = (int) range;
        return true;
    }

    /** Whether the type last read is exactly {@code type}. */
    public boolean is(byte[] type) {
        return Arrays.equals(frame, start, end, type, 0, type.length);
    }

    /** Whether the type last read is one of {@code types}. */
    public boolean isAny(byte[][] types) {
        for (byte[] type : types) {
            if (is(type)) {
                return true;
            }
        }
        return false;
    }
}
