package com.codexmanager.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy for tests: an HTTP forward proxy (absolute-URI requests, optional Basic auth) or a SOCKS5 proxy
 * (no auth or, when required, user name and password; CONNECT, IPv4 and domain addresses). It records the target {@code host:port} of every request it
 * forwards.
 *
 * <p>Only the proxy can resolve names under {@code .test} (all map to 127.0.0.1), so a test that addresses the
 * fake upstream as {@code chatgpt.proxy.test:PORT} proves the traffic went through the proxy: a direct connection
 * would fail to resolve. Targets that are neither {@code .test} names nor IP literals are refused, so nothing ever
 * reaches the internet. Thread-safe; close it to stop every connection.
 */
public final class TestProxy implements AutoCloseable {
    /** The protocol the proxy speaks. */
    public enum Kind {
        HTTP, SOCKS5
    }

    private final Kind kind;
    private final ServerSocket server;
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger authChallenges = new AtomicInteger();
    private volatile String requiredAuthorization;
    private volatile String requiredSocksUser;
    private volatile String requiredSocksPassword;
    private volatile boolean closed;

    private TestProxy(Kind kind) throws IOException {
        this.kind = kind;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "test-proxy-" + kind.name().toLowerCase(Locale.ROOT)
                + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static TestProxy start(Kind kind) {
        try {
            return new TestProxy(kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT} or {@code socks5h://127.0.0.1:PORT}. */
    public String url() {
        return (kind == Kind.HTTP ? "http" : "socks5h") + "://127.0.0.1:" + port();
    }

    /** HTTP only: answer 407 unless the request carries these Basic credentials. */
    public TestProxy requireBasicAuth(String user, String password) {
        requiredAuthorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    /** SOCKS5 only: accept a client only with this user name and password (RFC 1929), never without. */
    public TestProxy requireUserPassword(String user, String password) {
        requiredSocksPassword = password;
        requiredSocksUser = user;
        return this;
    }

    /** Every target forwarded so far, as {@code host:port} in the form the client named it. */
    public List<String> targets() {
        return List.copyOf(targets);
    }

    /** HTTP only: every forwarded request as {@code METHOD path}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** How many 407 challenges (HTTP) or refused user names and passwords (SOCKS5) were sent. */
    public int authChallenges() {
        return authChallenges.get();
    }

    void recordTarget(String hostPort) {
        targets.add(hostPort);
    }

    void recordRequest(String methodAndPath) {
        requests.add(methodAndPath);
    }

    String requiredAuthorization() {
        return requiredAuthorization;
    }

    String requiredSocksUser() {
        return requiredSocksUser;
    }

    String requiredSocksPassword() {
        return requiredSocksPassword;
    }

    void countChallenge() {
        authChallenges.incrementAndGet();
    }

    /** Opens a socket to {@code host:port} as the proxy sees it: {@code *.test} is 127.0.0.1. */
    static Socket connectTarget(String host, int port) throws IOException {
        String name = host.toLowerCase(Locale.ROOT);
        InetAddress address;
        if (name.endsWith(".test")) {
            address = InetAddress.getLoopbackAddress();
        } else if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.indexOf(':') >= 0) {
            address = InetAddress.getByName(name);
        } else {
            throw new IOException("test proxy refuses non-test host " + host);
        }
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(address, port), 5_000);
        return socket;
    }

    /** Copies {@code from} to {@code to} on a named thread until EOF, then closes both. */
    void pump(Socket from, Socket to, String what) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                in.transferTo(out);
            } catch (IOException ignored) {
                // either side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "test-proxy-" + what + "-" + threads.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    void track(Socket socket) {
        open.add(socket);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            track(client);
            Thread handler = new Thread(() -> handle(client), "test-proxy-conn-" + threads.incrementAndGet());
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void handle(Socket client) {
        try {
            client.setSoTimeout(10_000);
            Socket upstream = kind == Kind.HTTP ? new HttpProxyHandler(this).handle(client)
                    : new Socks5Handler(this).handle(client);
            if (upstream == null) {
                closeQuietly(client);
                return;
            }
            track(upstream);
            client.setSoTimeout(0);
            pump(client, upstream, "up");
            pump(upstream, client, "down");
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        open.forEach(TestProxy::closeQuietly);
    }
}
