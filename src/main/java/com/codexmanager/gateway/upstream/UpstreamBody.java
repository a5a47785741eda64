package com.codexmanager.gateway.upstream;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an upstream answer as a relay reads it. {@link InputStream#available()} of the body is more than
 * zero exactly when the next read will not block (see {@code RelayConnections}).
 */
public interface UpstreamBody {
    InputStream body() throws IOException;

    /** Drops the exchange; a read blocked on the body fails promptly. May be called from any thread. */
    void cancel();
}
