package com.codexmanager.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Responses WebSockets open now, for their limits and for shutdown: {@link #sweep} closes connections that
 * idled or lived too long, or all of them once the setting turned WebSockets off (a turn in progress is never cut;
 * its connection closes when the turn ends),
 * {@link #drain()} closes the idle ones and makes every other one close after its turn, and
 * {@link #awaitIdle} waits for those turns. Thread-safe; the lock is taken only on the shutdown path.
 */
final class OpenSockets {
    /** Close code and reason when the connection's lifetime is over (the upstream's own code). */
    static final String LIFETIME_REASON = "websocket_connection_limit_reached";
    /** Close reason once WEBSOCKET_ENABLED was turned off: the client reconnects, gets 426 and uses HTTP. */
    static final String DISABLED_REASON = "websockets turned off";
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;

    private final Set<SocketConnection> open = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition turnEnded = lock.newCondition();
    private volatile boolean draining;

    void add(SocketConnection connection) {
        open.add(connection);
        if (draining) {
            connection.close(GOING_AWAY, "service stopping");
        }
    }

    void remove(SocketConnection connection) {
        open.remove(connection);
        signal();
    }

    boolean draining() {
        return draining;
    }

    /**
     * Closes what is past a limit. {@code now} comes from the service clock.
     *
     * @return how many connections were closed
     */
    int sweep(Instant now, GatewaySettings.Sockets limits) {
        int closed = 0;
        for (SocketConnection connection : open) {
            if (connection.busy() || !connection.open()) {
                continue;
            }
            if (!limits.enabled()) {
                connection.close(NORMAL, DISABLED_REASON);
                closed++;
            } else if (!now.isBefore(connection.openedAt().plus(limits.maxLifetime()))) {
                connection.close(NORMAL, LIFETIME_REASON);
                closed++;
            } else if (!now.isBefore(connection.lastTurnAt().plus(limits.idleTimeout()))) {
                connection.close(NORMAL, "idle timeout");
                closed++;
            } else {
                connection.upstream().closeIdle(now);
            }
        }
        return closed;
    }

    /** The turn of {@code connection} ended: close it now if the service is stopping. */
    void turnEnded(SocketConnection connection) {
        if (draining) {
            connection.close(GOING_AWAY, "service stopping");
            signal();
        }
    }

    /**
     * Stop taking turns: idle connections close now, the others when their turn ends. Called right after the
     * server closed its port.
     */
    void drain() {
        draining = true;
        for (SocketConnection connection : open) {
            if (connection.busy()) {
                connection.keepThroughDrain();
            } else {
                connection.close(GOING_AWAY, "service stopping");
            }
        }
    }

    /** Waits up to {@code timeout} until no turn runs; returns whether none does. */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (busyCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                turnEnded.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return busyCount() == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Closes every connection (the module is closing). */
    void closeAll() {
        draining = true;
        for (SocketConnection connection : open) {
            connection.close(GOING_AWAY, "service stopping");
        }
    }

    int size() {
        return open.size();
    }

    private long busyCount() {
        return open.stream().filter(SocketConnection::busy).count();
    }

    private void signal() {
        if (!draining) {
            return;
        }
        lock.lock();
        try {
            turnEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
