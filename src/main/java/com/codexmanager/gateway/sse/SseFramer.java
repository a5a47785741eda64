package com.codexmanager.gateway.sse;

import java.io.IOException;
import java.util.Arrays;

/**
 * Cuts a byte stream into event frames as bytes arrive: whatever a read returned is fed in, and every frame
 * completed by it (its lines up to and including the blank line that ends it; {@code \n}, {@code \r\n} and
 * {@code \r} line ends) is handed over as exactly those bytes, where they lie. Nothing is decoded here, and only
 * an unfinished frame is copied.
 * Not thread-safe: one framer per stream.
 */
public final class SseFramer {
    /**
     * What receives the completed frames where they lie, in order: {@code frame[from, to)} holds one frame's bytes
     * and is valid only during the call (the array is the caller's read buffer or the framer's own).
     */
    @FunctionalInterface
    public interface FrameSink {
        void accept(byte[] frame, int from, int to) throws IOException;
    }

    private static final int MIN_PENDING = 1024;
    private static final byte[] NONE = new byte[0];

    private final int maxFrameBytes;
    /** The start of a frame not complete yet, in {@code pending[0, length)}. */
    private byte[] pending = NONE;
    private int length;
    private int scanned;
    /** Line end seen at the end of the scanned bytes: 0 none, '\n' or '\r'. */
    private byte lastEnd;
    /** Whether the current line is empty so far (a line end here would end the frame). */
    private boolean atLineStart = true;

    public SseFramer(int maxFrameBytes) {
        if (maxFrameBytes < 16) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 16: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Takes {@code len} bytes and hands every frame they complete to {@code sink}.
     *
     * @throws IOException from the sink, or when one frame grows beyond the limit
     */
    public void feed(byte[] bytes, int off, int len, FrameSink sink) throws IOException {
        // With nothing pending (the usual case: reads end on a frame boundary) the frames are cut straight from the
        // caller's bytes, and only an unfinished frame is kept: no copy of every byte and no buffer per stream.
        byte[] buf;
        int start;
        int end;
        if (length == 0) {
            buf = bytes;
            start = off;
            end = off + len;
        } else {
            append(bytes, off, len);
            buf = pending;
            start = 0;
            end = length;
        }
        // Locals, not fields, in the loop, and the byte search in its own small method: this runs for every byte
        // the upstream sends, and right after a start it runs interpreted until the JIT gets to it (on two busy
        // cores that took over 30 s for the old loop, which wrote two fields per byte).
        int frameStart = start;
        int i = start + scanned;
        boolean lineStart = atLineStart;
        boolean skipLf = lastEnd == '\r';
        while (i < end) {
            if (skipLf) {
                // the second half of a CRLF whose CR ended the previous read: the line end was counted at the CR.
                // The LF stays in the bytes (at the start of the next frame), so the client gets them all.
                skipLf = false;
                if (buf[i] == '\n') {
                    i++;
                    continue;
                }
            }
            int eol = lineEnd(buf, i, end);
            if (eol == end) {
                lineStart &= eol == i;
                break;
            }
            boolean blankLine = lineStart && eol == i;
            i = eol + 1;
            if (buf[eol] == '\r') {
                if (i == end) {
                    skipLf = true;
                } else if (buf[i] == '\n') {
                    i++;
                }
            }
            if (blankLine) {
                sink.accept(buf, frameStart, i);
                frameStart = i;
            }
            lineStart = true;
        }
        atLineStart = lineStart;
        lastEnd = skipLf ? (byte) '\r' : 0;
        keep(buf, frameStart, end);
        if (length > maxFrameBytes) {
            throw new IOException("an SSE event is longer than " + maxFrameBytes + " bytes");
        }
    }

    /** The index of the first CR or LF in {@code buf[from, to)}, or {@code to}. */
    private static int lineEnd(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return to;
    }

    /** Bytes received but not yet part of a complete frame. */
    public int buffered() {
        return length;
    }

    private void append(byte[] bytes, int off, int len) {
        if (length + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(Math.max(pending.length * 2, MIN_PENDING), length + len));
        }
        System.arraycopy(bytes, off, pending, length, len);
        length += len;
    }

    /** Keeps {@code buf[from, end)}, the start of a frame not yet complete (all of it scanned), as the pending bytes. */
    private void keep(byte[] buf, int from, int end) {
        int rest = end - from;
        if (buf == pending) {
            if (from > 0) {
                System.arraycopy(pending, from, pending, 0, rest);
            }
            length = rest;
        } else {
            length = 0;
            if (rest > 0) {
                append(buf, from, rest);
            }
        }
        scanned = length;
    }
}
