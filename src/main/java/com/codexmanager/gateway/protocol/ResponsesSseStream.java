package com.codexmanager.gateway.protocol;

import com.codexmanager.gateway.sse.SseEvent;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes a Responses event stream to the client as it arrives: headers flushed at {@link #begin()}, one flush per
 * event, {@code : keep-alive} comments while the upstream is silent, and a {@code response.failed} event as the
 * terminal error. Writes are serialised (the watchdog thread sends keep-alives). One per request.
 */
public final class ResponsesSseStream implements ClientStream {
    private static final byte[] KEEPALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final HttpServletResponse response;
    private final ReentrantLock lock = new ReentrantLock();
    private OutputStream out;

    public ResponsesSseStream(HttpServletResponse response) {
        this.response = response;
    }

    @Override
    public void begin() throws IOException {
        lock.lock();
        try {
            SseHeaders.apply(response);
            response.flushBuffer();
            out = response.getOutputStream();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void event(SseEvent event) throws IOException {
        write(event.toWire().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void keepalive() throws IOException {
        if (lock.tryLock()) {
            try {
                if (out != null) {
                    out.write(KEEPALIVE);
                    out.flush();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void fail(String code, String message) throws IOException {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.addProperty("status", "failed");
        body.add("error", error);
        JsonObject event = new JsonObject();
        event.addProperty("type", "response.failed");
        event.add("response", body);
        write(SseEvent.of(event).toWire().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void end() throws IOException {
        lock.lock();
        try {
            if (out != null) {
                out.flush();
            }
        } finally {
            lock.unlock();
        }
    }

    private void write(byte[] bytes) throws IOException {
        lock.lock();
        try {
            out.write(bytes);
            out.flush();
        } finally {
            lock.unlock();
        }
    }
}
