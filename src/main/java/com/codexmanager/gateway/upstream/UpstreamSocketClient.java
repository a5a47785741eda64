package com.codexmanager.gateway.upstream;

import com.codexmanager.concurrent.Executors2;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Opens WebSockets to the backend's {@code /responses} with the JDK's client (codex-protocol.md §2.9): the usual
 * auth and Codex headers plus {@code OpenAI-Beta: responses_websockets=2026-02-06}. Direct connections only: the
 * JDK's client speaks neither SOCKS nor Basic auth to an HTTP proxy, so calls through a proxy stay on HTTP SSE
 * ({@link UpstreamClient#direct}). The connect timeout is read from the settings at each open; a changed value
 * builds a new JDK client on the same threads. Thread-safe; close once (its listener threads stop).
 */
public final class UpstreamSocketClient implements AutoCloseable {
    public static final String BETA = "responses_websockets=2026-02-06";
    /** Headers the JDK sets itself or refuses, and one that means nothing on a WebSocket. */
    private static final Set<String> NOT_SENT = Set.of("accept", "host", "connection", "upgrade", "content-length");

    private final ExecutorService threads;
    private final Supplier<Duration> connectTimeout;
    private volatile Built built;

    /** @param connectTimeout the current connect timeout setting, read at each open */
    public UpstreamSocketClient(Supplier<Duration> connectTimeout) {
        this.threads = Executors.newCachedThreadPool(Executors2.named("upstream-ws", true));
        this.connectTimeout = connectTimeout;
    }

    /**
     * Opens {@code socket} on the WebSocket form of {@code httpUri} ({@code https} becomes {@code wss}); a
     * {@link UpstreamSocket#cancel()} meanwhile ends the wait.
     *
     * @param timeout how long the connect and the handshake may take together
     * @throws HandshakeRefusedException when the server answered the upgrade with a status (426: use HTTP SSE)
     * @throws IOException               when no connection could be made in time, or the socket was cancelled
     */
    public void open(UpstreamSocket socket, URI httpUri, Map<String, String> headers, Duration timeout)
            throws IOException {
        WebSocket.Builder builder = http().newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_SENT.contains(lower) && !lower.startsWith("sec-websocket-")) {
                builder.header(name, value);
            }
        });
        builder.header("OpenAI-Beta", BETA);
        CompletableFuture<WebSocket> upgrade = new CompletableFuture<>();
        if (!socket.opening(upgrade)) {
            throw new InterruptedIOException("the upstream WebSocket attempt was cancelled");
        }
        builder.buildAsync(webSocketUri(httpUri), socket.listener()).whenComplete((ws, error) -> {
            if (error != null) {
                upgrade.completeExceptionally(error);
            } else if (!upgrade.complete(ws)) {
                ws.abort(); // cancelled or timed out meanwhile: nobody will use it
            }
        });
        await(socket, upgrade, timeout);
    }

    private static void await(UpstreamSocket socket, CompletableFuture<WebSocket> upgrade, Duration timeout)
            throws IOException {
        try {
            socket.opened(upgrade.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof WebSocketHandshakeException refused) {
                throw new HandshakeRefusedException(refused.getResponse().statusCode());
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("upstream WebSocket: " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage());
        } catch (TimeoutException e) {
            socket.cancel();
            throw new IOException("no WebSocket handshake from the upstream within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.cancel();
            throw new InterruptedIOException("interrupted while opening the upstream WebSocket");
        }
    }

    private HttpClient http() {
        Duration timeout = connectTimeout.get();
        Built current = built;
        if (current == null || !current.connectTimeout().equals(timeout)) {
            current = new Built(timeout, HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(threads)
                    .build());
            built = current;
        }
        return current.http();
    }

    static URI webSocketUri(URI httpUri) {
        String scheme = "https".equalsIgnoreCase(httpUri.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + httpUri.toString().substring(httpUri.getScheme().length()));
    }

    @Override
    public void close() {
        Executors2.stop(threads, Duration.ofSeconds(2), "Upstream WebSocket threads");
    }

    private record Built(Duration connectTimeout, HttpClient http) {
    }

    /** The upstream answered the upgrade with an HTTP status instead of switching protocols. */
    public static final class HandshakeRefusedException extends IOException {
        private final int status;

        HandshakeRefusedException(int status) {
            super("the upstream refused the WebSocket upgrade with HTTP " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
