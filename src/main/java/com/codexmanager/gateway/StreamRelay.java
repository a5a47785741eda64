package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.sse.FrameType;
import com.codexmanager.gateway.sse.SseEvent;
import com.codexmanager.gateway.sse.SseFramer;
import com.codexmanager.gateway.upstream.Outcome;
import com.codexmanager.gateway.upstream.OutcomeClassifier;
import com.codexmanager.gateway.upstream.RateLimitHeaders;
import com.codexmanager.gateway.upstream.StreamWatchdog;
import com.codexmanager.gateway.upstream.UpstreamBody;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Relays one upstream SSE stream to a {@link ClientStream}, forwarding bytes and inspecting little: each read is
 * cut into events ({@link SseFramer}); only an event's {@code type} is looked at, and only the terminal event (for
 * usage) and the rare rate-limit and error events (for their rate limits) are parsed. To a client that forwards
 * frames as they are (a Responses stream), an output event goes straight from the read buffer, its type compared
 * where it lies: no copy and no object per event. What a read delivered is flushed to the client when the next read
 * would block, so a burst leaves in one network write and a lone delta leaves at once.
 *
 * <p>Events that carry no output yet are held back, so a failure event before any output can still fail over to
 * another account; the first output event commits the stream, after which a failure ends it with a terminal error
 * (never a hang). The backend's {@code codex.rate_limits} events describe the pool account (plan, credits, usage),
 * so they feed its usage and never reach the client, as an HTTP reply's {@code x-codex-*} headers never do on
 * success. Single use, on the request thread.
 */
final class StreamRelay {
    private static final String RATE_LIMITS = "codex.rate_limits";
    /** Events that may precede output without committing the client. */
    private static final Set<String> BOOTSTRAP = Set.of("response.created", "response.in_progress",
            RATE_LIMITS, "codex.response.metadata", "keepalive");
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.failed",
            "response.incomplete");
    /** The types the forwarding path leaves to {@link #accept}: all but plain output events. */
    private static final byte[][] NOT_PLAIN_OUTPUT = types(BOOTSTRAP, TERMINAL, Set.of("error"));
    private static final int READ_BYTES = 8192;
    private static final int MAX_EVENT_BYTES = 32 * 1024 * 1024;

    private final UpstreamBody call;
    private final ClientStream client;
    private final OutcomeClassifier classifier;
    private final AttemptWatch attempt;
    private final Duration firstByteTimeout;
    private final Duration idleTimeout;
    private final List<SseEvent> heldBack = new ArrayList<>();
    private final FrameType frameType = new FrameType();
    private final boolean forwardsFrames;
    private final Consumer<JsonObject> rateLimitEvents;
    /** When the gateway received the request, and the upstream's response headers: set by {@link #run}. */
    private long startNanos;
    private Map<String, String> headers;
    private boolean committed;
    private long firstByteMillis;
    private Attempt result;

    StreamRelay(UpstreamBody call, ClientStream client, OutcomeClassifier classifier, AttemptWatch attempt,
            GatewaySettings settings) {
        this(call, client, classifier, attempt, settings, event -> {
        });
    }

    /**
     * A relay that also hands each {@code codex.rate_limits} and {@code error} event, decoded, to
     * {@code rateLimitEvents} (on the request thread, before the event is held back, forwarded or classified): over
     * an upstream WebSocket they carry what an HTTP reply's headers carry. A {@code codex.rate_limits} event goes
     * no further; an error event before output becomes the attempt's failure with its {@code x-codex-*} headers.
     */
    StreamRelay(UpstreamBody call, ClientStream client, OutcomeClassifier classifier, AttemptWatch attempt,
            GatewaySettings settings, Consumer<JsonObject> rateLimitEvents) {
        this.call = call;
        this.client = client;
        this.classifier = classifier;
        this.attempt = attempt;
        this.firstByteTimeout = settings.firstByteTimeout();
        this.idleTimeout = settings.idleTimeout();
        this.forwardsFrames = client.forwardsFrames();
        this.rateLimitEvents = rateLimitEvents;
    }

    /**
     * Runs the relay to its end.
     *
     * @param startNanos when the gateway received the request (for the time to first byte)
     * @param headers    the upstream response headers (for classifying a failure event)
     */
    Attempt run(long startNanos, Map<String, String> headers) {
        this.startNanos = startNanos;
        this.headers = headers;
        StreamWatchdog.Watch watch = attempt.watch();
        SseFramer framer = new SseFramer(MAX_EVENT_BYTES);
        SseFramer.FrameSink frames = this::frame;
        byte[] buffer = new byte[READ_BYTES];
        try {
            InputStream in = call.body();
            while (result == null) {
                int n = read(in, buffer);
                if (n < 0) {
                    return ended();
                }
                watch.upstreamActivity();
                framer.feed(buffer, 0, n, frames);
                if (result == null && committed && nothingMoreBuffered(in)) {
                    client.flush();
                    watch.clientActivity();
                }
            }
            return result;
        } catch (ClientGone e) {
            call.cancel();
            return Attempt.Relayed.clientLeft(firstByteMillis);
        } catch (IOException e) {
            // an event beyond the size limit, or the client went away while we flushed
            call.cancel();
            if (!committed) {
                return new Attempt.Failed(new Outcome.ServerError(502, "unreadable upstream stream: "
                        + e.getMessage()));
            }
            return Attempt.Relayed.clientLeft(firstByteMillis);
        }
    }

    /** One frame where it lies: a plain output event to a forwarding client goes out as is, any other is decoded. */
    private void frame(byte[] frame, int from, int to) throws IOException {
        if (result != null) {
            return;
        }
        if (forwardsFrames && frameType.read(frame, from, to) && !frameType.isAny(NOT_PLAIN_OUTPUT)) {
            if (!committed) {
                commit(startNanos);
            }
            try {
                client.frame(frame, from, to);
            } catch (IOException e) {
                throw clientGone();
            }
            return;
        }
        accept(SseEvent.received(frame, from, to));
    }

    private void accept(SseEvent event) throws IOException {
        if (result != null || !event.hasData()) {
            return;
        }
        String type = event.type();
        if (type.equals(RATE_LIMITS) || type.equals("error")) {
            JsonObject json = event.json();
            if (json != null) {
                rateLimitEvents.accept(json);
            }
            if (type.equals(RATE_LIMITS)) {
                return; // the pool account's own figures: not the client's business (see the class doc)
            }
        }
        if (!committed) {
            if (BOOTSTRAP.contains(type)) {
                heldBack.add(event);
                return;
            }
            if (type.equals("response.failed") || type.equals("error")) {
                JsonObject json = event.json() == null ? new JsonObject() : event.json();
                result = new Attempt.Failed(classifier.classifyEvent(json, headers), RateLimitHeaders.ofEvent(json));
                return;
            }
            commit(startNanos);
        }
        write(event);
        if (TERMINAL.contains(type)) {
            // out first: the client's turn ends without waiting for the parse of an event that holds the whole answer
            end();
            JsonObject json = event.json();
            String error = type.equals("response.completed") ? null : type.substring("response.".length());
            result = new Attempt.Relayed(ResponseUsage.of(json), firstByteMillis, error, false,
                    ResponseUsage.model(json));
        }
    }

    private void commit(long startNanos) throws IOException {
        firstByteMillis = (System.nanoTime() - startNanos) / 1_000_000;
        committed = true;
        guard(client::begin);
        attempt.watch().clientActivity();
        for (SseEvent held : heldBack) {
            write(held);
        }
        heldBack.clear();
    }

    /** The upstream ended or broke before a terminal event. */
    private Attempt ended() throws ClientGone {
        if (!committed) {
            if (attempt.stopping()) {
                return new Attempt.Failed(new Outcome.ServiceStopping());
            }
            return new Attempt.Failed(attempt.timedOut()
                    ? new Outcome.Network("no answer from the upstream within " + firstByteTimeout.toSeconds() + " s")
                    : new Outcome.ServerError(502, "upstream stream ended before any output"));
        }
        if (attempt.clientGone()) {
            return Attempt.Relayed.clientLeft(firstByteMillis);
        }
        String code;
        String message;
        if (attempt.stopping()) {
            code = "service_stopping";
            message = "the gateway is shutting down; retry the request";
        } else if (attempt.timedOut()) {
            code = "upstream_idle_timeout";
            message = "the upstream sent nothing for " + idleTimeout.toSeconds() + " s; the stream was ended";
        } else {
            code = "upstream_stream_closed";
            message = "the upstream stream closed before response.completed";
        }
        guard(() -> client.fail(code, message));
        return new Attempt.Relayed(ExecutionResult.Usage.NONE, firstByteMillis, code, false, null);
    }

    private void write(SseEvent event) throws ClientGone {
        guard(() -> client.event(event));
    }

    private void end() throws ClientGone {
        guard(client::end);
        attempt.watch().clientActivity();
    }

    /** Runs a client write; a failure means the client left, which also drops the upstream request at once. */
    private void guard(ClientWrite write) throws ClientGone {
        try {
            write.run();
        } catch (IOException e) {
            throw clientGone();
        }
    }

    private ClientGone clientGone() {
        attempt.markClientGone();
        call.cancel();
        return new ClientGone();
    }

    private static byte[][] types(Set<String> first, Set<String> second, Set<String> third) {
        return Stream.of(first, second, third).flatMap(Set::stream).map(FrameType::of)
                .toArray(byte[][]::new);
    }

    /** Reads what is there; a cut or cancelled stream reads as its end (the attempt's flags say why). */
    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean nothingMoreBuffered(InputStream in) {
        try {
            return in.available() <= 0;
        } catch (IOException e) {
            return true;
        }
    }

    @FunctionalInterface
    private interface ClientWrite {
        void run() throws IOException;
    }

    /** The client went away during a write. */
    private static final class ClientGone extends IOException {
        ClientGone() {
            super(null, null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
