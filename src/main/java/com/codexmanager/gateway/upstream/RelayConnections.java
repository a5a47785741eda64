package com.codexmanager.gateway.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.SessionInputBuffer;

/**
 * Upstream connections whose response bodies answer {@link InputStream#available()} truthfully for a relay: more
 * than zero whenever the next read will not block — bytes left in the current chunk, further chunks already in the
 * connection's buffer, or bytes waiting in the socket. HttpClient's own chunked stream reports zero at every chunk
 * boundary, so a relay that flushes "when nothing more is buffered" would flush after every event of a burst.
 * Immutable; thread-safe.
 */
final class RelayConnections implements HttpConnectionFactory<ManagedHttpClientConnection> {
    static final RelayConnections INSTANCE = new RelayConnections();

    /** A chunk's closing CRLF may be all that is buffered; reading on would block for the next chunk. */
    private static final int CHUNK_END_BYTES = 2;
    private static final AtomicLong IDS = new AtomicLong();

    private RelayConnections() {
    }

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        Connection connection = new Connection("gateway-upstream-" + IDS.incrementAndGet());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    private static final class Connection extends DefaultManagedHttpClientConnection {
        Connection(String id) {
            super(id, null, null, Http1Config.DEFAULT, null, null, null, null);
        }

        @Override
        protected InputStream createContentInputStream(long length, SessionInputBuffer buffer,
                InputStream socketIn) {
            InputStream content = super.createContentInputStream(length, buffer, socketIn);
            return length == 0 ? content : new ReadAhead(content, buffer, socketIn);
        }
    }

    /** One response body; used by the one thread that reads it. */
    private static final class ReadAhead extends FilterInputStream {
        private final SessionInputBuffer buffer;
        private final InputStream socketIn;

        ReadAhead(InputStream content, SessionInputBuffer buffer, InputStream socketIn) {
            super(content);
            this.buffer = buffer;
            this.socketIn = socketIn;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            int inChunk = in.available();
            if (inChunk > 0) {
                return inChunk;
            }
            if (buffer.length() > CHUNK_END_BYTES) {
                return buffer.length() - CHUNK_END_BYTES;
            }
            return socketIn.available();
        }
    }
}
