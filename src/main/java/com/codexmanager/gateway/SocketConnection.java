package com.codexmanager.gateway;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One open Responses WebSocket: its session, the upgrade request's headers (the key is authenticated again from
 * them for every turn), its own conversation key, when it opened and when a turn last started, whether a turn runs
 * now, and what it remembers between turns. Sends are asynchronous; {@link #flush()} waits (up to the write timeout) until every
 * frame handed over is written.
 *
 * <p>Thread-safe as used: a turn runs on one Jetty thread at a time and is the only sender of text frames; the
 * watchdog thread sends pings; the sweeper and shutdown read the timestamps and close it from other threads.
 */
final class SocketConnection {
    /** Frames handed to the socket before the sender waits for them to be written. */
    static final int MAX_UNFLUSHED_FRAMES = 256;
    private static final int MAX_UNFLUSHED_CHARS = 1024 * 1024;

    private final Session session;
    private final Map<String, String> headers;
    private final String conversationKey;
    private final Instant openedAt;
    private final Duration writeTimeout;
    private final Duration idleTimeout;
    private final SocketConversation conversation = new SocketConversation();
    private final UpstreamSocketSlot upstream = new UpstreamSocketSlot();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Instant lastTurnAt;
    private Callback.Completable lastSend;
    private int unflushedFrames;
    private long unflushedChars;

    /**
     * @param headers         the upgrade request's headers, names lower-cased
     * @param conversationKey unique to this connection
     * @param writeTimeout    how long a flush may wait for a client that does not read
     */
    SocketConnection(Session session, Map<String, String> headers, String conversationKey, Instant openedAt,
            Duration writeTimeout) {
        this.session = session;
        this.idleTimeout = session.getIdleTimeout();
        this.headers = Map.copyOf(headers);
        this.conversationKey = conversationKey;
        this.openedAt = openedAt;
        this.lastTurnAt = openedAt;
        this.writeTimeout = writeTimeout;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** A header of the upgrade request, looked up case-insensitively; {@code null} when absent. */
    String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The affinity key of turns that name no conversation (no {@code prompt_cache_key}, no session header): one
     * socket is one Codex session, so its turns stay on one account and keep its prompt cache warm.
     */
    String conversationKey() {
        return conversationKey;
    }

    SocketConversation conversation() {
        return conversation;
    }

    /** The connection's upstream WebSocket; close it when the connection is gone. */
    UpstreamSocketSlot upstream() {
        return upstream;
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant lastTurnAt() {
        return lastTurnAt;
    }

    /** Marks a turn as running; false when one already runs (a client must wait for its answer). */
    boolean startTurn(Instant now) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        lastTurnAt = now;
        return true;
    }

    void endTurn() {
        busy.set(false);
    }

    boolean busy() {
        return busy.get();
    }

    boolean open() {
        return session.isOpen() && !closing.get();
    }

    void checkOpen() throws IOException {
        if (!session.isOpen()) {
            throw new IOException("the WebSocket is closed");
        }
    }

    /** Hands one text frame to the socket; waits for earlier frames once too many are unwritten. */
    void send(String text) throws IOException {
        checkOpen();
        Callback.Completable sent = new Callback.Completable();
        session.sendText(text, sent);
        lastSend = sent;
        unflushedFrames++;
        unflushedChars += text.length();
        if (unflushedFrames >= MAX_UNFLUSHED_FRAMES || unflushedChars >= MAX_UNFLUSHED_CHARS) {
            flush();
        }
    }

    /** Waits until every frame handed over is written (frames complete in order, so the last one tells). */
    void flush() throws IOException {
        Callback.Completable pending = lastSend;
        if (pending == null) {
            return;
        }
        lastSend = null;
        unflushedFrames = 0;
        unflushedChars = 0;
        try {
            pending.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("the WebSocket write failed: " + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            session.disconnect();
            throw new IOException("the client read nothing for " + writeTimeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to the WebSocket");
        }
    }

    /** A keep-alive ping; fails when the socket is gone (which tells the watchdog the client left). */
    void ping() throws IOException {
        checkOpen();
        session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
    }

    /**
     * Gives the socket back the idle timeout it had: closing the server's port shortens every connection's idle
     * timeout to about a second, which would cut a turn that waits on a silent upstream during the drain.
     */
    void keepThroughDrain() {
        session.setIdleTimeout(idleTimeout);
    }

    /** Starts the closing handshake once; later calls do nothing. Any thread. */
    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            session.close(code, reason, Callback.NOOP);
        }
    }

    @Override
    public String toString() {
        return "SocketConnection[" + session.getRemoteSocketAddress() + ", opened " + openedAt + "]";
    }
}
