package com.codexmanager.gateway.upstream;

import com.codexmanager.upstream.UpstreamProxy;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.SessionInputBuffer;

/**
 * Upstream connections for a relay.
 *
 * <ul>
 *   <li>Response bodies answer {@link InputStream#available()} truthfully: more than zero whenever the next read will
 *       not block — bytes left in the current chunk, further chunks already in the connection's buffer, or bytes
 *       waiting in the socket. HttpClient's own chunked stream reports zero at every chunk boundary, so a relay that
 *       flushes "when nothing more is buffered" would flush after every event of a burst.</li>
 *   <li>A connection idle for a while is checked without waiting. HttpClient's own check reads with a 1 ms timeout
 *       and ends in a {@code SocketTimeoutException} when the connection is fine: 1–2 ms and an exception added to
 *       the first request after every pause, which is every request of someone typing. Direct connections sit on a
 *       socket channel ({@link #poolBuilder()}), so the check is a non-blocking read instead.</li>
 * </ul>
 * Immutable; thread-safe.
 */
final class RelayConnections implements HttpConnectionFactory<ManagedHttpClientConnection> {
    static final RelayConnections INSTANCE = new RelayConnections();

    /** A chunk's closing CRLF may be all that is buffered; reading on would block for the next chunk. */
    private static final int CHUNK_END_BYTES = 2;
    private static final AtomicLong IDS = new AtomicLong();
    /**
     * HttpClient's default of 32 KB gives each connection three buffers of that size (input, line, output): 96 KB per
     * open stream, 3,000 arrays and 98 MB of the live heap with 1,000 streams. Events are a few hundred bytes and a
     * larger request body bypasses the output buffer, so 8 KB (the relay's own read size) loses nothing.
     */
    private static final int BUFFER_BYTES = 8192;
    private static final Http1Config BUFFERS = Http1Config.custom().setBufferSize(BUFFER_BYTES).build();

    private RelayConnections() {
    }

    /**
     * A pool builder for {@code proxy} whose connections are these: direct ones on socket channels, through a SOCKS
     * proxy plain sockets.
     */
    static PoolingHttpClientConnectionManagerBuilder poolBuilder(UpstreamProxy proxy) {
        return proxy.poolBuilder(direct -> SocketChannel.open().socket()).setConnectionFactory(INSTANCE);
    }

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        Connection connection = new Connection("gateway-upstream-" + IDS.incrementAndGet());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    static final class Connection extends DefaultManagedHttpClientConnection {
        private volatile SocketChannel channel;

        Connection(String id) {
            super(id, null, null, BUFFERS, null, null, null, null);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            super.bind(socket);
            channel = socket.getChannel();
        }

        /** Whether {@link #isStale()} can look without waiting (a direct connection, on a channel). */
        boolean checksWithoutWaiting() {
            return channel != null;
        }

        /**
         * Whether the upstream closed this idle connection. With nothing waiting in the socket, one non-blocking
         * read tells: end of stream (or a reset) means closed, nothing means open. Anything waiting (a TLS alert, a
         * stray byte) goes through HttpClient's own check, which reads it through the TLS layer.
         */
        @Override
        public boolean isStale() throws IOException {
            SocketChannel idle = channel;
            if (idle == null || !isOpen()) {
                return super.isStale();
            }
            try {
                if (idle.socket().getInputStream().available() > 0) {
                    return super.isStale();
                }
                synchronized (idle.blockingLock()) {
                    idle.configureBlocking(false);
                    try {
                        // 0: open. -1: closed. 1: a byte that arrived just now is gone, so the connection is not
                        // usable either.
                        return idle.read(ByteBuffer.allocate(1)) != 0;
                    } finally {
                        idle.configureBlocking(true);
                    }
                }
            } catch (IOException e) {
                return true;
            }
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
