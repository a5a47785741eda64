package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.sse.SseEvent;
import com.codexmanager.gateway.sse.SseReader;
import com.codexmanager.gateway.upstream.Outcome;
import com.codexmanager.gateway.upstream.OutcomeClassifier;
import com.codexmanager.gateway.upstream.StreamWatchdog;
import com.codexmanager.gateway.upstream.UpstreamCall;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Relays one upstream SSE stream to a {@link ClientStream}. Events that carry no output yet are buffered, so a
 * failure event before any output can still fail over to another account; after the first output event the
 * stream is committed and a later failure ends it with a terminal error (never a hang). Single use.
 */
final class StreamRelay {
    /** Events that may precede output without committing the client. */
    private static final Set<String> BOOTSTRAP = Set.of("response.created", "response.in_progress",
            "codex.rate_limits", "codex.response.metadata", "keepalive");
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.failed",
            "response.incomplete");

    /** The stream could not be committed; the outcome says whether to fail over. */
    record NotCommitted(Outcome outcome) {
    }

    private final UpstreamCall call;
    private final ClientStream client;
    private final OutcomeClassifier classifier;
    private final AttemptWatch attemptWatch;
    private final Duration firstByteTimeout;
    private final Duration idleTimeout;

    StreamRelay(UpstreamCall call, ClientStream client, OutcomeClassifier classifier, AttemptWatch attemptWatch,
            GatewaySettings settings) {
        this.call = call;
        this.client = client;
        this.classifier = classifier;
        this.attemptWatch = attemptWatch;
        this.firstByteTimeout = settings.firstByteTimeout();
        this.idleTimeout = settings.idleTimeout();
    }

    /**
     * Runs the relay.
     *
     * @return a {@link NotCommitted} when nothing reached the client, else the {@link ExecutionResult.Served}
     *         fields (account fields are filled by the caller)
     */
    Object run(long startNanos, Map<String, String> headers) {
        StreamWatchdog.Watch watch = attemptWatch.watch();
        try {
            SseReader reader = new SseReader(call.body());
            List<SseEvent> buffered = new ArrayList<>();
            SseEvent first;
            while (true) {
                SseEvent event = readOrNull(reader, watch);
                if (event == null) {
                    return new NotCommitted(attemptWatch.timedOut()
                            ? new Outcome.Network("no answer from the upstream within " + firstByteTimeout.toSeconds()
                                    + " s")
                            : new Outcome.ServerError(502, "upstream stream ended before any output"));
                }
                String type = event.type();
                if (BOOTSTRAP.contains(type)) {
                    buffered.add(event);
                    continue;
                }
                if (type.equals("response.failed") || type.equals("error")) {
                    JsonObject json = event.json();
                    return new NotCommitted(classifier.classifyEvent(json == null ? new JsonObject() : json,
                            headers));
                }
                first = event;
                break;
            }
            long firstByteMillis = (System.nanoTime() - startNanos) / 1_000_000;
            client.begin();
            watch.clientActivity();
            for (SseEvent e : buffered) {
                client.event(e);
            }
            return relay(reader, watch, first, firstByteMillis);
        } catch (ClientGoneException e) {
            call.cancel();
            return new Relayed(ExecutionResult.Usage.NONE, 0, null, true, null);
        } catch (IOException e) {
            call.cancel();
            return new Relayed(ExecutionResult.Usage.NONE, 0, null, true, null);
        }
    }

    /** What a committed relay produced. */
    record Relayed(ExecutionResult.Usage usage, long firstByteMillis, String streamError, boolean clientGone,
            String model) {
    }

    private Relayed relay(SseReader reader, StreamWatchdog.Watch watch, SseEvent first, long firstByteMillis)
            throws ClientGoneException {
        SseEvent event = first;
        while (true) {
            String type = event.type();
            write(event, watch);
            if (TERMINAL.contains(type)) {
                JsonObject json = event.json();
                endQuietly();
                String error = type.equals("response.completed") ? null : type.substring("response.".length());
                return new Relayed(usage(json), firstByteMillis, error, false, model(json));
            }
            SseEvent next = readOrNull(reader, watch);
            if (next == null) {
                boolean timedOut = attemptWatch.timedOut();
                String code = timedOut ? "upstream_idle_timeout" : "upstream_stream_closed";
                String message = timedOut
                        ? "the upstream sent nothing for " + idleTimeout.toSeconds() + " s; the stream was ended"
                        : "the upstream stream closed before response.completed";
                if (attemptWatch.clientGone()) {
                    return new Relayed(ExecutionResult.Usage.NONE, firstByteMillis, code, true, null);
                }
                try {
                    client.fail(code, message);
                } catch (IOException e) {
                    return new Relayed(ExecutionResult.Usage.NONE, firstByteMillis, code, true, null);
                }
                return new Relayed(ExecutionResult.Usage.NONE, firstByteMillis, code, false, null);
            }
            event = next;
        }
    }

    private void write(SseEvent event, StreamWatchdog.Watch watch) throws ClientGoneException {
        try {
            client.event(event);
            watch.clientActivity();
        } catch (IOException e) {
            attemptWatch.markClientGone();
            call.cancel();
            throw new ClientGoneException();
        }
    }

    private void endQuietly() throws ClientGoneException {
        try {
            client.end();
        } catch (IOException e) {
            throw new ClientGoneException();
        }
    }

    /** Reads the next event; a failed or cut read yields {@code null}. */
    private SseEvent readOrNull(SseReader reader, StreamWatchdog.Watch watch) {
        try {
            var next = reader.next();
            if (next.isPresent()) {
                watch.upstreamActivity();
                return next.get();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    static ExecutionResult.Usage usage(JsonObject event) {
        if (event == null || !event.has("response") || !event.get("response").isJsonObject()) {
            return ExecutionResult.Usage.NONE;
        }
        JsonObject response = event.getAsJsonObject("response");
        if (!response.has("usage") || !response.get("usage").isJsonObject()) {
            return ExecutionResult.Usage.NONE;
        }
        JsonObject usage = response.getAsJsonObject("usage");
        return new ExecutionResult.Usage(number(usage, "input_tokens"),
                nested(usage, "input_tokens_details", "cached_tokens"), number(usage, "output_tokens"),
                nested(usage, "output_tokens_details", "reasoning_tokens"));
    }

    private static String model(JsonObject event) {
        if (event == null || !event.has("response") || !event.get("response").isJsonObject()) {
            return null;
        }
        JsonObject response = event.getAsJsonObject("response");
        return response.has("model") && response.get("model").isJsonPrimitive()
                ? response.get("model").getAsString() : null;
    }

    private static Long number(JsonObject o, String name) {
        return o.has(name) && o.get(name).isJsonPrimitive() ? o.get(name).getAsLong() : null;
    }

    private static Long nested(JsonObject o, String parent, String name) {
        return o.has(parent) && o.get(parent).isJsonObject() ? number(o.getAsJsonObject(parent), name) : null;
    }

    private static final class ClientGoneException extends Exception {
        ClientGoneException() {
            super(null, null, false, false);
        }
    }
}
