package com.codexmanager.gateway.protocol;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The byte side of an event stream to the client: headers flushed on {@link #open()}, one flush per frame, and
 * keep-alives that are skipped (not queued) while another frame is being written. Thread-safe: the request thread
 * writes frames, the watchdog thread writes keep-alives.
 */
public final class SseWriter {
    private final HttpServletResponse response;
    private final ReentrantLock lock = new ReentrantLock();
    private OutputStream out;

    public SseWriter(HttpServletResponse response) {
        this.response = response;
    }

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

    /** Writes one frame (already in wire form) and flushes it. */
    public void write(String frame) throws IOException {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            out.write(bytes);
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /** Writes a keep-alive frame unless a frame is being written right now or the stream is not open. */
    public void keepalive(String frame) throws IOException {
        if (lock.tryLock()) {
            try {
                if (out != null) {
                    out.write(frame.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    public void flush() throws IOException {
        lock.lock();
        try {
            if (out != null) {
                out.flush();
            }
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
