package com.codexmanager.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of a local port that can go silent, as a connection does when a NAT or proxy on the
 * way forgets it: {@link #silenceOpenConnections()} makes the connections open now swallow every byte both ways while
 * staying open, and {@link #silenceNewConnections(boolean)} does the same to connections accepted later (a
 * handshake that never gets an answer). Thread-safe; close it to drop every connection.
 */
public final class SilentRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean silenceNew = new AtomicBoolean();
    private final AtomicInteger accepted = new AtomicInteger();

    private SilentRelay(int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::acceptLoop, "silent-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A relay to {@code 127.0.0.1:targetPort}. */
    public static SilentRelay to(int targetPort) throws IOException {
        return new SilentRelay(targetPort);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** The connections open now pass nothing more, either way, and stay open. */
    public void silenceOpenConnections() {
        links.forEach(link -> link.silent.set(true));
    }

    /** Whether connections accepted from now on pass nothing (they stay open). */
    public void silenceNewConnections(boolean silent) {
        silenceNew.set(silent);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Link link = new Link(client, target, new AtomicBoolean(silenceNew.get()));
                links.add(link);
                accepted.incrementAndGet();
                pump(link, client, target);
                pump(link, target, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Link link, Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!link.silent.get()) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side went away: the link ends
            } finally {
                link.close();
                links.remove(link);
            }
        }, "silent-relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        links.forEach(Link::close);
    }

    private record Link(Socket client, Socket target, AtomicBoolean silent) {
        void close() {
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
            try {
                target.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
