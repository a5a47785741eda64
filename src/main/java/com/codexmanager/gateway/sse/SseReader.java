package com.codexmanager.gateway.sse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads server-sent events from a byte stream, one event per {@link #next()} call. Comment lines ({@code :}) and
 * unknown fields are skipped; {@code \n}, {@code \r\n} and {@code \r} line ends are accepted. Not thread-safe: one
 * reader per stream.
 */
public final class SseReader {
    private static final int MAX_LINE_BYTES = 32 * 1024 * 1024;

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean pendingCr;

    public SseReader(InputStream in) {
        this.in = in instanceof java.io.BufferedInputStream ? in : new java.io.BufferedInputStream(in, 8192);
    }

    /**
     * Blocks for the next event.
     *
     * @return the event, or empty at a clean end of stream (a trailing partial event is dropped)
     * @throws IOException when the stream fails (for example the connection was cut)
     */
    public Optional<SseEvent> next() throws IOException {
        String event = "";
        StringBuilder data = null;
        while (true) {
            String text = readLine();
            if (text == null) {
                return Optional.empty();
            }
            if (text.isEmpty()) {
                if (data != null) {
                    return Optional.of(new SseEvent(event, data.toString()));
                }
                event = "";
                continue;
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                event = value;
            } else if (field.equals("data")) {
                if (data == null) {
                    data = new StringBuilder(value.length());
                } else {
                    data.append('\n');
                }
                data.append(value);
            }
        }
    }

    private String readLine() throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : decode();
            }
            if (pendingCr) {
                pendingCr = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                return decode();
            }
            if (b == '\r') {
                pendingCr = true;
                return decode();
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("SSE line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    private String decode() {
        return line.toString(StandardCharsets.UTF_8);
    }
}
