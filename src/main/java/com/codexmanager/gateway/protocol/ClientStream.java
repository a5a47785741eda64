package com.codexmanager.gateway.protocol;

import com.codexmanager.gateway.sse.SseEvent;
import java.io.IOException;

/**
 * Where the gateway delivers a successful upstream stream, in the client's protocol. The executor calls
 * {@link #begin()} once before the first event, then {@link #event} per upstream event and finally {@link #end()}
 * or {@link #fail}. {@link #keepalive()} may come from the watchdog thread at any time after {@code begin};
 * implementations serialise writes. An {@link IOException} means the client went away.
 */
public interface ClientStream {
    void begin() throws IOException;

    void event(SseEvent event) throws IOException;

    void keepalive() throws IOException;

    /** A terminal error after {@link #begin()}: the client must receive a protocol-correct end, never a hang. */
    void fail(String code, String message) throws IOException;

    void end() throws IOException;
}
