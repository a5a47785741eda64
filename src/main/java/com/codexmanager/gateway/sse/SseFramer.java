package com.codexmanager.gateway.sse;

import java.io.IOException;
import java.util.Arrays;

/**
 * Cuts a byte stream into event frames as bytes arrive: whatever a read returned is fed in, and every frame
 * completed by it (its lines up to and including the blank line that ends it; {@code \n}, {@code \r\n} and
 * {@code \r} line ends) comes out as an {@link SseEvent} holding exactly those bytes. Nothing is decoded here.
 * Not thread-safe: one framer per stream.
 */
public final class SseFramer {
    /** What receives the completed frames, in order. */
    @FunctionalInterface
    public interface Sink {
        void accept(SseEvent event) throws IOException;
    }

    private final int maxFrameBytes;
    private byte[] pending = new byte[8192];
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
    public void feed(byte[] bytes, int off, int len, Sink sink) throws IOException {
        append(bytes, off, len);
        int frameStart = 0;
        for (int i = scanned; i < length; i++) {
            byte c = pending[i];
            if (c == '\n' && lastEnd == '\r') {
                // the second half of a CRLF: the line end was already counted at the CR
                lastEnd = 0;
                if (i == frameStart) {
                    frameStart++;
                }
                continue;
            }
            if (c == '\n' || c == '\r') {
                lastEnd = c;
                if (atLineStart) {
                    int end = i + 1;
                    if (c == '\r' && end < length && pending[end] == '\n') {
                        end++;
                        lastEnd = 0;
                    }
                    sink.accept(SseEvent.fromWire(Arrays.copyOfRange(pending, frameStart, end)));
                    frameStart = end;
                    i = end - 1;
                }
                atLineStart = true;
                continue;
            }
            lastEnd = 0;
            atLineStart = false;
        }
        compact(frameStart);
        if (length > maxFrameBytes) {
            throw new IOException("an SSE event is longer than " + maxFrameBytes + " bytes");
        }
    }

    /** Bytes received but not yet part of a complete frame. */
    public int buffered() {
        return length;
    }

    private void append(byte[] bytes, int off, int len) {
        if (length + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + len));
        }
        System.arraycopy(bytes, off, pending, length, len);
        length += len;
    }

    private void compact(int frameStart) {
        if (frameStart > 0) {
            System.arraycopy(pending, frameStart, pending, 0, length - frameStart);
            length -= frameStart;
        }
        scanned = length;
    }
}
