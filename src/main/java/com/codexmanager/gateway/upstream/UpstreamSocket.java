package com.codexmanager.gateway.upstream;

import com.codexmanager.gateway.sse.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One open WebSocket to the backend's {@code /responses} (codex-protocol.md §2.9). A turn is one
 * {@link #send response.create} frame; the events that answer it are read through {@link #body()} as if they had
 * come over HTTP SSE (each text message becomes one {@code data:} event), so the SSE relay, its failover before
 * output and its watchdog serve both transports. The body ends when the socket closes, fails or is
 * {@link #cancel() cancelled}, and right after an {@code error} frame; a socket whose turn did not end cleanly must
 * not carry another one.
 *
 * <p>A socket is made first and opened after ({@link UpstreamSocketClient#open}), so that whoever may
 * {@link #cancel()} the attempt can do so from the start: a cancel during the upgrade ends the wait for it, and a
 * connection that opens after all is dropped at once.
 *
 * <p>Flow control: at most {@value #MAX_QUEUED} messages wait to be read; past that the socket asks the server for
 * nothing more until the reader catches up. Thread-safe: the JDK's listener thread fills the queue, one turn thread
 * reads it, and {@link #cancel()} may come from any thread (the watchdog, a leaving client, shutdown).
 */
public final class UpstreamSocket implements UpstreamBody {
    private static final int MAX_QUEUED = 64;
    private static final int MAX_MESSAGE_CHARS = 32 * 1024 * 1024;
    private static final int ERROR_FRAME_MAX_BYTES = 64 * 1024;
    /** A message buffer grown past this is let go after its message, not kept for the socket's lifetime. */
    private static final int KEPT_BUFFER_CHARS = 64 * 1024;
    private static final byte[] END = new byte[0];
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final Events events = new Events();
    private final Listener listener = new Listener();
    private WebSocket socket;
    private boolean ended;
    private boolean paused;
    private CompletableFuture<WebSocket> opening;
    private CompletableFuture<Void> pong;
    private volatile boolean answered;
    private volatile String closeReason = "";

    public UpstreamSocket() {
    }

    WebSocket.Listener listener() {
        return listener;
    }

    /**
     * The upgrade is under way: {@link #cancel()} from now on ends the wait for it.
     *
     * @return false when the socket was cancelled already (the caller drops {@code upgrade})
     */
    boolean opening(CompletableFuture<WebSocket> upgrade) {
        synchronized (queue) {
            this.opening = upgrade;
            return !ended;
        }
    }

    /** The connection is open; one that opens after a cancel is dropped at once. */
    void opened(WebSocket webSocket) {
        boolean late;
        synchronized (queue) {
            late = ended;
            if (!late) {
                this.socket = webSocket;
            }
        }
        if (late) {
            webSocket.abort();
        }
    }

    /**
     * Pings the backend and waits up to {@code timeout} for the pong: a socket that sat idle may have been dropped
     * silently on the way (a NAT or proxy forgot it), which only a round trip shows.
     *
     * @return whether the pong came in time; when it did not, the socket is cancelled
     */
    public boolean ping(Duration timeout) {
        WebSocket ws = webSocket();
        if (ws == null || !open()) {
            return false;
        }
        CompletableFuture<Void> answer = new CompletableFuture<>();
        synchronized (queue) {
            pong = answer;
        }
        try {
            ws.sendPing(ByteBuffer.allocate(0));
            answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return open();
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            cancel();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            return false;
        }
    }

    /** The reason of the backend's close frame, or empty while it sent none. */
    public String closeReason() {
        return closeReason;
    }

    /** Sends one frame, waiting up to {@code timeout}; a failure leaves the socket unusable. */
    public void send(String frame, Duration timeout) throws IOException {
        answered = false;
        WebSocket ws = webSocket();
        if (ws == null || !open()) {
            throw new IOException("the upstream WebSocket is closed");
        }
        try {
            ws.sendText(frame, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            cancel();
            throw new IOException("sending to the upstream WebSocket failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new InterruptedIOException("interrupted while sending to the upstream WebSocket");
        }
    }

    /** Whether any message came since the last {@link #send}: a socket that ended without one never saw the turn. */
    public boolean answered() {
        return answered;
    }

    /** Whether the socket may carry a turn: neither side closed it and nothing failed. */
    public boolean open() {
        WebSocket ws = webSocket();
        synchronized (queue) {
            return !ended && ws != null && !ws.isInputClosed() && !ws.isOutputClosed();
        }
    }

    @Override
    public InputStream body() {
        return events;
    }

    /** Drops the connection at once; a read waiting for an event ends. */
    @Override
    public void cancel() {
        WebSocket ws = end();
        CompletableFuture<WebSocket> upgrade;
        synchronized (queue) {
            upgrade = opening;
        }
        if (upgrade != null && !upgrade.isDone()) {
            upgrade.completeExceptionally(new InterruptedIOException("the upstream WebSocket attempt was cancelled"));
        }
        if (ws != null) {
            ws.abort();
        }
    }

    /** Ends the socket with a normal close (the reader sees its end); the connection is dropped once that is sent. */
    public void close() {
        WebSocket ws = end();
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS)
                    .whenComplete((done, error) -> ws.abort());
        } else if (ws != null) {
            ws.abort();
        }
    }

    private WebSocket webSocket() {
        synchronized (queue) {
            return socket;
        }
    }

    private WebSocket end() {
        synchronized (queue) {
            if (!ended) {
                ended = true;
                queue.addLast(END);
                queue.notifyAll();
            }
            return socket;
        }
    }

    /** One whole text message as an SSE event; CR and LF (whitespace in JSON, never inside its strings) go. */
    private void received(CharSequence message) {
        answered = true;
        byte[] json = message.toString().replace('\r', ' ').replace('\n', ' ').getBytes(StandardCharsets.UTF_8);
        byte[] event = new byte[DATA.length + json.length + 2];
        System.arraycopy(DATA, 0, event, 0, DATA.length);
        System.arraycopy(json, 0, event, DATA.length, json.length);
        event[event.length - 2] = '\n';
        event[event.length - 1] = '\n';
        // after an error frame the backend sends nothing more for the turn, and the socket is not used again
        boolean error = json.length < ERROR_FRAME_MAX_BYTES
                && "error".equals(SseEvent.received(event, 0, event.length).type());
        WebSocket more = null;
        synchronized (queue) {
            if (ended) {
                return;
            }
            queue.addLast(event);
            queue.notifyAll();
            if (error) {
                ended = true;
                queue.addLast(END);
                more = null;
            } else if (queue.size() < MAX_QUEUED) {
                more = socket;
            } else {
                paused = true;
            }
        }
        if (more != null) {
            more.request(1);
        }
    }

    /** Reads the queued events as one byte stream; single reader. */
    private final class Events extends InputStream {
        private byte[] current = new byte[0];
        private int position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position == current.length && !next()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        private boolean next() throws IOException {
            WebSocket resume = null;
            synchronized (queue) {
                try {
                    while (queue.isEmpty()) {
                        queue.wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the upstream WebSocket");
                }
                if (queue.peekFirst() == END) {
                    current = END;
                    position = 0;
                    return false;
                }
                current = queue.pollFirst();
                position = 0;
                if (paused && queue.size() < MAX_QUEUED / 2) {
                    paused = false;
                    resume = socket;
                }
            }
            if (resume != null) {
                resume.request(1);
            }
            return true;
        }

        /** Bytes readable without blocking: more than zero exactly when the next read will not wait. */
        @Override
        public int available() {
            synchronized (queue) {
                if (position < current.length) {
                    return current.length - position;
                }
                byte[] head = queue.peekFirst();
                return head == null || head == END ? 0 : head.length;
            }
        }
    }

    /** The JDK's callbacks, on its listener thread, one at a time. */
    private final class Listener implements WebSocket.Listener {
        private StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            opened(webSocket);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last || partial.length() > 0) {
                partial.append(data);
                if (partial.length() > MAX_MESSAGE_CHARS) {
                    cancel();
                    return null;
                }
                if (!last) {
                    webSocket.request(1);
                    return null;
                }
                received(partial);
                if (partial.capacity() > KEPT_BUFFER_CHARS) {
                    partial = new StringBuilder();
                } else {
                    partial.setLength(0);
                }
                return null;
            }
            received(data);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            cancel(); // the protocol has text frames only
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            CompletableFuture<Void> answer;
            synchronized (queue) {
                answer = pong;
                pong = null;
            }
            if (answer != null) {
                answer.complete(null);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason == null ? "" : reason;
            end();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end();
        }
    }
}
