package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Responses WebSocket client that speaks as Codex does (codex-protocol.md §2.9; Codex CLI 0.171 observed): it
 * opens {@code GET /v1/responses} with the key as Bearer, {@code OpenAI-Beta: responses_websockets=2026-02-06} and
 * the session headers, sends {@code response.create} frames and reads the events of each turn until a terminal
 * one. Built on the JDK's client (no permessage-deflate, which Codex offers and the gateway may decline).
 *
 * <p>Thread-safe for one test thread; the JDK's listener thread only fills the frame queue.
 */
public final class ResponsesSocket implements AutoCloseable {
    public static final String BETA = "responses_websockets=2026-02-06";
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.failed",
            "response.incomplete", "error");

    private final WebSocket socket;
    private final BlockingQueue<JsonObject> frames;
    private final CompletableFuture<Integer> closed;
    private final CompletableFuture<String> closeReason;

    private ResponsesSocket(WebSocket socket, BlockingQueue<JsonObject> frames, CompletableFuture<Integer> closed,
            CompletableFuture<String> closeReason) {
        this.socket = socket;
        this.frames = frames;
        this.closed = closed;
        this.closeReason = closeReason;
    }

    /** The usual Codex headers for {@code key} and a session id. */
    public static Map<String, String> codexHeaders(String key, String sessionId) {
        return Map.of("Authorization", "Bearer " + key, "OpenAI-Beta", BETA, "originator", "codex_exec",
                "session-id", sessionId, "x-client-request-id", sessionId);
    }

    /**
     * Opens a socket on {@code baseUrl} ({@code http://host:port}) + {@code /v1/responses}.
     *
     * @throws java.util.concurrent.CompletionException wrapping a {@code WebSocketHandshakeException} when refused
     */
    public static ResponsesSocket open(String baseUrl, Map<String, String> headers) {
        BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        CompletableFuture<String> reason = new CompletableFuture<>();
        WebSocket.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        WebSocket socket = builder.buildAsync(URI.create(baseUrl.replaceFirst("^http", "ws") + "/v1/responses"),
                new Listener(frames, closed, reason)).orTimeout(10, TimeUnit.SECONDS).join();
        return new ResponsesSocket(socket, frames, closed, reason);
    }

    /** Sends one frame as text. */
    public void send(String frame) {
        socket.sendText(frame, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Sends a frame and returns every frame of its answer, up to and including the terminal one. */
    public List<JsonObject> turn(String frame) throws InterruptedException {
        send(frame);
        return untilTerminal(Duration.ofSeconds(30));
    }

    /** The frames received until a terminal one ({@code response.completed/failed/incomplete}, {@code error}). */
    public List<JsonObject> untilTerminal(Duration timeout) throws InterruptedException {
        List<JsonObject> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonObject frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no terminal frame within " + timeout + "; got " + out);
            }
            out.add(frame);
            if (TERMINAL.contains(frame.has("type") ? frame.get("type").getAsString() : "")) {
                return out;
            }
        }
    }

    /** The next frame, or {@code null} when none came within {@code timeout}. */
    public JsonObject next(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The close code the server sent, waiting up to {@code timeout}; {@code null} when still open. */
    public Integer awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return -1;
        }
    }

    /** The reason of the server's close frame (after {@link #awaitClose} returned a code). */
    public String closeReason() {
        return closeReason.getNow(null);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        socket.abort();
    }

    /**
     * Sends the upgrade request on a plain socket and returns the status line and body of a refusal (the JDK client
     * does not expose a refused handshake's body).
     */
    public static Refusal refusal(int port, Map<String, String> headers) throws IOException {
        StringBuilder request = new StringBuilder("GET /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            int length = -1;
            String contentType = "";
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                } else if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).trim();
                }
            }
            char[] body = new char[Math.max(0, length)];
            int read = 0;
            while (read < body.length) {
                int n = in.read(body, read, body.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new Refusal(Integer.parseInt(status.split(" ")[1]), contentType, new String(body, 0, read));
        }
    }

    /** A refused upgrade: status, content type and body. */
    public record Refusal(int status, String contentType, String body) {
    }

    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<JsonObject> frames;
        private final CompletableFuture<Integer> closed;
        private final CompletableFuture<String> reason;
        private final StringBuilder partial = new StringBuilder();

        Listener(BlockingQueue<JsonObject> frames, CompletableFuture<Integer> closed,
                CompletableFuture<String> reason) {
            this.frames = frames;
            this.closed = closed;
            this.reason = reason;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JsonParser.parseString(partial.toString()).getAsJsonObject());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String why) {
            reason.complete(why);
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            reason.complete(error.toString());
            closed.completeExceptionally(error);
        }
    }
}
