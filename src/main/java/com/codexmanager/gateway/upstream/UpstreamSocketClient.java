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

/**
 * Opens WebSockets to the backend's {@code /responses} with the JDK's client (codex-protocol.md §2.9): the usual
 * auth and Codex headers plus {@code OpenAI-Beta: responses_websockets=2026-02-06}. Direct connections only: the
 * JDK's client speaks neither SOCKS nor Basic auth to an HTTP proxy, so calls through a proxy stay on HTTP SSE
 * ({@link UpstreamClient#direct}). Thread-safe; close once (its listener threads stop).
 */
public final class UpstreamSocketClient implements AutoCloseable {
    public static final String BETA = "responses_websockets=2026-02-06";
    /** Headers the JDK sets itself or refuses, and one that means nothing on a WebSocket. */
    private static final Set<String> NOT_SENT = Set.of("accept", "host", "connection", "upgrade", "content-length");

    private final ExecutorService threads;
    private final HttpClient http;

    public UpstreamSocketClient(Duration connectTimeout) {
        this.threads = Executors.newCachedThreadPool(Executors2.named("upstream-ws", true));
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(threads)
                .build();
    }

    /**
     * Opens a socket on the WebSocket form of {@code httpUri} ({@code https} becomes {@code wss}).
     *
     * @param timeout how long the connect and the handshake may take together
     * @throws HandshakeRefusedException when the server answered the upgrade with a status (426: use HTTP SSE)
     * @throws IOException               when no connection could be made in time
     */
    public UpstreamSocket open(URI httpUri, Map<String, String> headers, Duration timeout) throws IOException {
        UpstreamSocket socket = new UpstreamSocket();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_SENT.contains(lower) && !lower.startsWith("sec-websocket-")) {
                builder.header(name, value);
            }
        });
        builder.header("OpenAI-Beta", BETA);
        CompletableFuture<WebSocket> opening = builder.buildAsync(webSocketUri(httpUri), socket.listener());
        try {
            socket.opened(opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            return socket;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new HandshakeRefusedException(refused.getResponse().statusCode());
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("upstream WebSocket: " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage());
        } catch (TimeoutException e) {
            opening.cancel(true);
            opening.thenAccept(WebSocket::abort);
            throw new IOException("no WebSocket handshake from the upstream within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opening.thenAccept(WebSocket::abort);
            throw new InterruptedIOException("interrupted while opening the upstream WebSocket");
        }
    }

    static URI webSocketUri(URI httpUri) {
        String scheme = "https".equalsIgnoreCase(httpUri.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + httpUri.toString().substring(httpUri.getScheme().length()));
    }

    @Override
    public void close() {
        Executors2.stop(threads, Duration.ofSeconds(2), "Upstream WebSocket threads");
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
