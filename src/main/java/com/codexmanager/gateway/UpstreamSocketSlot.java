package com.codexmanager.gateway;

import com.codexmanager.gateway.upstream.UpstreamSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The upstream WebSocket of one client WebSocket: opened on the first turn that goes to an account over a
 * WebSocket, reused by the next turns while they go to the same account and base URL with the same token and the same
 * conversation (the {@code session_id} the socket was opened with), and closed when a turn goes elsewhere, when the
 * client socket closes, when it idled {@link #MAX_IDLE} (a connection silent that long may have been dropped by a
 * middlebox without a word), or when it is too old to be trusted with a turn (the backend ends its sockets after 60
 * minutes). A socket idle longer than {@link #PING_AFTER} is offered for reuse only after a ping
 * ({@link Reusable#needsPing()}). Thread-safe: turns of one connection run one after another, and the client socket's
 * close and the sweep may come from other threads.
 */
final class UpstreamSocketSlot implements AutoCloseable {
    /** Well before the backend's 60-minute limit, so that a long turn started late never meets that limit. */
    static final Duration MAX_AGE = Duration.ofMinutes(40);
    /** Idle longer than this, a socket is closed rather than trusted with a turn. */
    static final Duration MAX_IDLE = Duration.ofMinutes(4);
    /** Idle longer than this, a socket must answer a ping before it carries a turn. */
    static final Duration PING_AFTER = Duration.ofSeconds(30);

    private Held held;
    private boolean closed;

    /** A socket that may carry the next turn, once it answered a ping when {@code needsPing}. */
    record Reusable(UpstreamSocket socket, boolean needsPing) {
    }

    /**
     * The socket held for this account, base URL, token and conversation, if it is open, young enough and not idle
     * too long; any other socket held is closed.
     *
     * @param sessionKey the turn's conversation key; {@code null} when it has none
     * @return the socket, or {@code null} when a new one must be opened
     */
    synchronized Reusable reuse(String accountId, String baseUrl, String accessToken, String sessionKey,
            Instant now) {
        if (held == null) {
            return null;
        }
        Held candidate = held;
        if (candidate.serves(accountId, baseUrl, accessToken, sessionKey) && candidate.socket.open()
                && now.isBefore(candidate.openedAt.plus(MAX_AGE)) && now.isBefore(candidate.lastUsed.plus(MAX_IDLE))) {
            return new Reusable(candidate.socket, !now.isBefore(candidate.lastUsed.plus(PING_AFTER)));
        }
        candidate.socket.close();
        held = null;
        return null;
    }

    /** Keeps {@code socket} for the next turns (closing any other); closes it at once when the slot is closed. */
    synchronized void hold(String accountId, String baseUrl, String accessToken, String sessionKey,
            UpstreamSocket socket, Instant now) {
        if (closed) {
            socket.close();
            return;
        }
        if (held != null && held.socket != socket) {
            held.socket.close();
        }
        held = new Held(accountId, baseUrl, accessToken, sessionKey, socket, now, now);
    }

    /** A turn on {@code socket} ended cleanly at {@code now}: its idle time starts again. */
    synchronized void used(UpstreamSocket socket, Instant now) {
        if (held != null && held.socket == socket) {
            held = held.usedAt(now);
        }
    }

    /** Drops {@code socket}, whose last turn did not end cleanly: it never carries another turn. */
    synchronized void discard(UpstreamSocket socket) {
        socket.cancel();
        if (held != null && held.socket == socket) {
            held = null;
        }
    }

    /** Closes the socket held if it idled {@link #MAX_IDLE} by {@code now}; call it between turns only. */
    synchronized void closeIdle(Instant now) {
        if (held != null && !now.isBefore(held.lastUsed.plus(MAX_IDLE))) {
            held.socket.close();
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

    private record Held(String accountId, String baseUrl, String accessToken, String sessionKey,
            UpstreamSocket socket, Instant openedAt, Instant lastUsed) {
        boolean serves(String account, String base, String token, String session) {
            return accountId.equals(account) && baseUrl.equals(base) && accessToken.equals(token)
                    && Objects.equals(sessionKey, session);
        }

        Held usedAt(Instant now) {
            return new Held(accountId, baseUrl, accessToken, sessionKey, socket, openedAt, now);
        }

        @Override
        public String toString() {
            return "Held[" + accountId + ", " + baseUrl + ", opened " + openedAt + ", used " + lastUsed + "]";
        }
    }
}
