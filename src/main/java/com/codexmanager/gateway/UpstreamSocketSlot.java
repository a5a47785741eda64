package com.codexmanager.gateway;

import com.codexmanager.gateway.upstream.UpstreamSocket;
import java.time.Duration;
import java.time.Instant;

/**
 * The upstream WebSocket of one client WebSocket: opened on the first turn that goes to an account over a
 * WebSocket, reused by the next turns while they go to the same account and base URL with the same token, and
 * closed when a turn goes elsewhere, when the client socket closes, or when it is too old to be trusted with a turn
 * (the backend ends its sockets after 60 minutes). Thread-safe: turns of one connection run one after another, and
 * the client socket's close may come from another thread.
 */
final class UpstreamSocketSlot implements AutoCloseable {
    /** Younger than the backend's 60-minute limit, so that a turn never meets that limit mid-stream. */
    static final Duration MAX_AGE = Duration.ofMinutes(55);

    private Held held;
    private boolean closed;

    /**
     * The socket held for {@code accountId} on {@code baseUrl} with {@code accessToken}, if it is open and young
     * enough; any other socket held is closed.
     *
     * @return the socket, or {@code null} when a new one must be opened
     */
    synchronized UpstreamSocket reuse(String accountId, String baseUrl, String accessToken, Instant now) {
        if (held == null) {
            return null;
        }
        if (held.serves(accountId, baseUrl, accessToken) && held.socket.open()
                && now.isBefore(held.openedAt.plus(MAX_AGE))) {
            return held.socket;
        }
        held.socket.close();
        held = null;
        return null;
    }

    /** Keeps {@code socket} for the next turns (closing any other); closes it at once when the slot is closed. */
    synchronized void hold(String accountId, String baseUrl, String accessToken, UpstreamSocket socket,
            Instant now) {
        if (closed) {
            socket.close();
            return;
        }
        if (held != null && held.socket != socket) {
            held.socket.close();
        }
        held = new Held(accountId, baseUrl, accessToken, socket, now);
    }

    /** Drops {@code socket}, whose last turn did not end cleanly: it never carries another turn. */
    synchronized void discard(UpstreamSocket socket) {
        socket.cancel();
        if (held != null && held.socket == socket) {
            held = null;
        }
    }

    /** The client socket closed: the upstream one closes too. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (held != null) {
            held.socket.close();
            held = null;
        }
    }

    private record Held(String accountId, String baseUrl, String accessToken, UpstreamSocket socket,
            Instant openedAt) {
        boolean serves(String account, String base, String token) {
            return accountId.equals(account) && baseUrl.equals(base) && accessToken.equals(token);
        }

        @Override
        public String toString() {
            return "Held[" + accountId + ", " + baseUrl + ", opened " + openedAt + "]";
        }
    }
}
