package com.codexmanager.gateway.protocol;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The byte side of an event stream to the client, shared by every protocol's stream: headers sent on
 * {@link #open()}, frames written into the server's response buffer without a flush ({@link #write}), and
 * {@link #flush()} when the relay has nothing more to hand over right now — so a burst of upstream events leaves
 * in one network write and a lone delta leaves at once. Keep-alives are skipped (not queued) while another write
 * is in progress and always land between whole frames.
 *
 * <p>Thread-safe: the request thread writes frames, the watchdog thread writes keep-alives and, at shutdown, the
 * terminal frame goes through the same lock.
 */
public final class SseWriter {
    private final HttpServletResponse response;
    private final ReentrantLock lock = new ReentrantLock();
    private OutputStream out;
    private int flushes;

    public SseWriter(HttpServletResponse response) {
        this.response = response;
    }

    /** Sends the status and headers now, so the client sees the stream open before the first event. */
    public void open() throws IOException {
        lock.lock();
        try {
            SseHeaders.apply(response);
            response.flushBuffer();
            out = response.getOutputStream();
        } finally {
            lock.unlock();
        }
    }

    /** Buffers one whole frame (already in wire form); it leaves with the next {@link #flush()}. */
    public void write(byte[] frame) throws IOException {
        write(frame, 0, frame.length);
    }

    /** Buffers one whole frame held in {@code bytes[off, off + len)}; it leaves with the next {@link #flush()}. */
    public void write(byte[] bytes, int off, int len) throws IOException {
        lock.lock();
        try {
            out.write(bytes, off, len);
        } finally {
            lock.unlock();
        }
    }

    public void write(String frame) throws IOException {
        write(frame.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends what is buffered. */
    public void flush() throws IOException {
        lock.lock();
        try {
            if (out != null) {
                out.flush();
                flushes++;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes and flushes a keep-alive frame unless a write is in progress right now or the stream is not open. */
    public void keepalive(byte[] frame) throws IOException {
        if (lock.tryLock()) {
            try {
                if (out != null) {
                    out.write(frame);
                    out.flush();
                    flushes++;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** How many network flushes this stream made (tests pin the flush policy with it). */
    public int flushes() {
        lock.lock();
        try {
            return flushes;
        } finally {
            lock.unlock();
        }
    }

    /** A named frame: {@code event:} line then one {@code data:} line. */
    public static String frame(String event, String json) {
        return "event: " + event + "\ndata: " + json + "\n\n";
    }

    /** An unnamed frame: one {@code data:} line. */
    public static String data(String json) {
        return "data: " + json + "\n\n";
    }
}
