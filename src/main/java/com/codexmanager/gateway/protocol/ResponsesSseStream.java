package com.codexmanager.gateway.protocol;

import com.codexmanager.gateway.sse.SseEvent;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Relays a Responses event stream to the client byte for byte: each upstream event is written as it was received
 * (no decoding, no re-encoding), {@code : keep-alive} comments go out while the upstream is silent, and a
 * {@code response.failed} event is the terminal error. One per request; see {@link SseWriter} for threading.
 */
public final class ResponsesSseStream implements ClientStream {
    private static final byte[] KEEPALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final SseWriter out;

    public ResponsesSseStream(SseWriter out) {
        this.out = out;
    }

    @Override
    public void begin() throws IOException {
        out.open();
    }

    @Override
    public void event(SseEvent event) throws IOException {
        out.write(event.wire());
    }

    @Override
    public boolean forwardsFrames() {
        return true;
    }

    @Override
    public void frame(byte[] frame, int from, int to) throws IOException {
        out.write(frame, from, to - from);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void keepalive() throws IOException {
        out.keepalive(KEEPALIVE);
    }

    @Override
    public void fail(String code, String message) throws IOException {
        out.write(failedEvent(code, message).wire());
        out.flush();
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    /** The {@code response.failed} event the gateway sends when it must end a stream itself. */
    public static SseEvent failedEvent(String code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.addProperty("status", "failed");
        body.add("error", error);
        JsonObject event = new JsonObject();
        event.addProperty("type", "response.failed");
        event.add("response", body);
        return SseEvent.of(event);
    }
}
