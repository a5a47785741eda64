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

    /** Sends what {@link #event} buffered. */
    void flush() throws IOException;

    void keepalive() throws IOException;

    /**
     * A terminal error after {@link #begin()}: the client receives a protocol-correct end (flushed), never a hang.
     */
    void fail(String code, String message) throws IOException;

    void end() throws IOException;
}
