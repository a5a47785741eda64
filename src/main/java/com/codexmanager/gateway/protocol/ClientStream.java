package com.codexmanager.gateway.protocol;

import com.codexmanager.gateway.sse.SseEvent;
import java.io.IOException;

/**
 * Where the gateway delivers a successful upstream stream, in the client's protocol. The executor calls
 * {@link #begin()} once before the first event, then {@link #event} per upstream event, {@link #flush()} whenever
 * the upstream has nothing more buffered, and finally {@link #end()} or {@link #fail}. {@link #event} may only
 * buffer: nothing is promised to reach the client before the next {@code flush}, {@code fail} or {@code end}.
 * {@link #keepalive()} may come from the watchdog thread at any time after {@code begin}; implementations
 * serialise writes. An {@link IOException} means the client went away.
 */
public interface ClientStream {
    void begin() throws IOException;

    void event(SseEvent event) throws IOException;

    /**
     * Whether this stream forwards upstream frames as they are: then the relay may hand it a frame's bytes through
     * {@link #frame} instead of an {@link SseEvent}, with the same promise as {@link #event}.
     */
    default boolean forwardsFrames() {
        return false;
    }

    /**
     * One upstream frame exactly as received, in {@code frame[from, to)}, valid only during the call. Called only
     * when {@link #forwardsFrames()}.
     */
    default void frame(byte[] frame, int from, int to) throws IOException {
        event(SseEvent.received(frame, from, to));
    }

    /** Sends what {@link #event} buffered. */
    void flush() throws IOException;

    void keepalive() throws IOException;

    /**
     * A terminal error after {@link #begin()}: the client receives a protocol-correct end (flushed), never a hang.
     */
    void fail(String code, String message) throws IOException;

    void end() throws IOException;
}
