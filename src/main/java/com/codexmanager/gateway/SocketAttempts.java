package com.codexmanager.gateway;

import com.codexmanager.gateway.port.Credentials;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
import com.codexmanager.gateway.port.UsageObserver;
import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.upstream.Outcome;
import com.codexmanager.gateway.upstream.OutcomeClassifier;
import com.codexmanager.gateway.upstream.RateLimitHeaders;
import com.codexmanager.gateway.upstream.StreamWatchdog;
import com.codexmanager.gateway.upstream.UpstreamClient;
import com.codexmanager.gateway.upstream.UpstreamHeaders;
import com.codexmanager.gateway.upstream.UpstreamSocket;
import com.codexmanager.gateway.upstream.UpstreamSocketClient;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One attempt of a client WebSocket turn over an upstream WebSocket (codex-protocol.md §2.9): the turn's normalised
 * body goes as a {@code response.create} frame on the client socket's upstream socket ({@link UpstreamSocketSlot}),
 * opened on first use, and the events come back through the same {@link StreamRelay} as over HTTP SSE, so failover
 * before output, the first-byte and idle watchdog, error classification (an error frame with a status is that HTTP
 * error) and the terminal error after a cut are the same. The whole conversation is sent each turn, never
 * {@code previous_response_id}: the gateway may have served the previous turn from another account.
 *
 * <p>The JDK's client never shows the upgrade's response headers, so the {@code x-codex-*} rate limits an HTTP reply
 * carries come from the backend's in-band events instead: {@code codex.rate_limits} before
 * {@code response.created}, and the {@code headers} of an error frame. Both feed the {@link UsageObserver} exactly
 * as the headers do ({@link RateLimitHeaders#ofEvent}), and go on to the client like any other event (the Codex CLI
 * reads {@code codex.rate_limits} itself).
 *
 * <p>When the upstream WebSocket is off, the call goes through a proxy, or the base URL refused the upgrade lately,
 * the attempt is not made ({@link Optional#empty()}) and the caller uses HTTP SSE. Thread-safe.
 */
final class SocketAttempts {
    /** The upgrade is light work for the backend: a handshake slower than this is better served over HTTP SSE. */
    private static final Duration MAX_HANDSHAKE = Duration.ofSeconds(15);
    private static final byte[] CREATE = "{\"type\":\"response.create\"".getBytes(StandardCharsets.US_ASCII);

    private final UpstreamSocketClient sockets;
    private final UpstreamClient upstream;
    private final OutcomeClassifier classifier;
    private final StreamWatchdog watchdog;
    private final OpenAttempts open;
    private final RequestRecorder recorder;
    private final UsageObserver usageObserver;
    private final Clock clock;
    private final SocketFallbacks fallbacks = new SocketFallbacks();

    SocketAttempts(UpstreamSocketClient sockets, UpstreamClient upstream, OutcomeClassifier classifier,
            StreamWatchdog watchdog, OpenAttempts open, RequestRecorder recorder, UsageObserver usageObserver,
            Clock clock) {
        this.sockets = sockets;
        this.upstream = upstream;
        this.classifier = classifier;
        this.watchdog = watchdog;
        this.open = open;
        this.recorder = recorder;
        this.usageObserver = usageObserver;
        this.clock = clock;
    }

    /**
     * Serves the attempt over the slot's upstream socket.
     *
     * @return how it ended, or empty when it must go over HTTP SSE instead (nothing was sent)
     */
    Optional<Attempt> attempt(URI uri, String baseUrl, GatewayRequest request, GatewaySettings settings,
            String accountId, Credentials credentials, ClientStream client, long startNanos,
            UpstreamSocketSlot slot) {
        Instant now = clock.instant();
        if (!settings.upstreamSockets() || fallbacks.httpOnly(baseUrl, now)
                || !upstream.direct(credentials.proxy(), uri.getHost())) {
            return Optional.empty();
        }
        String frame = createFrame(request.bodyBytes());
        Duration sendTimeout = settings.idleTimeout();
        UpstreamSocket socket = slot.reuse(accountId, baseUrl, credentials.accessToken(), now);
        if (socket != null) {
            try {
                socket.send(frame, sendTimeout);
                trace(request, accountId, "websocket", "reused");
                Attempt result = relay(socket, client, settings, startNanos, slot, credentials);
                if (!(result instanceof Attempt.Failed failed && failed.outcome() instanceof Outcome.ServerError)
                        || socket.answered()) {
                    return Optional.of(result);
                }
                // closed by the backend as the frame went out: the turn was never seen, a new socket takes it
            } catch (IOException e) {
                // the backend closed the socket between turns: nothing was sent, a new one is opened below
                slot.discard(socket);
            }
        }
        Map<String, String> headers = UpstreamHeaders.build(credentials, settings.originator(), settings.cookie(),
                request.clientHeaders(), request.affinityKey(), true);
        try {
            socket = sockets.open(uri, headers, min(settings.firstByteTimeout(), MAX_HANDSHAKE));
        } catch (UpstreamSocketClient.HandshakeRefusedException e) {
            if (speaksNoWebSocket(e.status())) {
                fallbacks.remember(baseUrl, now);
            }
            trace(request, accountId, "http", "upgrade_refused_" + e.status());
            return Optional.empty();
        } catch (IOException e) {
            trace(request, accountId, "http", "upgrade_failed");
            return Optional.empty();
        }
        slot.hold(accountId, baseUrl, credentials.accessToken(), socket, now);
        try {
            socket.send(frame, sendTimeout);
        } catch (IOException e) {
            slot.discard(socket);
            return Optional.of(new Attempt.Failed(new Outcome.Network(e.getMessage())));
        }
        trace(request, accountId, "websocket", "opened");
        return Optional.of(relay(socket, client, settings, startNanos, slot, credentials));
    }

    /**
     * Whether an upgrade refused with {@code status} means the endpoint has no WebSocket (426, 404, 405…), not a
     * refusal of this account or a passing failure (401, 403, 429, 5xx), which HTTP SSE then meets and classifies.
     */
    private static boolean speaksNoWebSocket(int status) {
        return status >= 400 && status < 500 && status != 401 && status != 403 && status != 429;
    }

    private Attempt relay(UpstreamSocket socket, ClientStream client, GatewaySettings settings, long startNanos,
            UpstreamSocketSlot slot, Credentials credentials) {
        try (AttemptWatch watch = new AttemptWatch(socket::cancel, client, open).register(watchdog, settings)) {
            Attempt result = new StreamRelay(socket, client, classifier, watch, settings,
                    rateLimits(credentials.accountId())).run(startNanos, Map.of());
            if (!(result instanceof Attempt.Relayed done && done.clean()) || !socket.open()) {
                slot.discard(socket);
            }
            return result;
        }
    }

    /**
     * Feeds the in-band rate limits of an account's events to the same sink as an HTTP reply's headers.
     *
     * <p>The other header an HTTP reply is read for, {@code x-models-etag}, is skipped over a WebSocket: the backend
     * has no in-band form of it (codex-protocol.md §2.7, §2.9). The model catalogue still learns of a new
     * catalogue from its periodic refresh ({@code CODEXMANAGER_MODELS_REFRESH_INTERVAL_SECS}) and from the ETag of
     * every HTTP reply (HTTP clients, compaction, and WebSocket turns served over HTTP SSE).
     */
    private Consumer<JsonObject> rateLimits(String accountId) {
        return event -> {
            Map<String, String> headers = RateLimitHeaders.ofEvent(event);
            if (!headers.isEmpty()) {
                usageObserver.onRateLimitHeaders(accountId, headers);
            }
        };
    }

    /** The body as a {@code response.create} frame: its fields after {@code "type"}. */
    static String createFrame(byte[] body) {
        int at = 0;
        while (at < body.length && body[at] != '{') {
            at++;
        }
        int rest = at + 1;
        while (rest < body.length && Character.isWhitespace(body[rest])) {
            rest++;
        }
        boolean empty = rest < body.length && body[rest] == '}';
        StringBuilder frame = new StringBuilder(body.length + CREATE.length + 1);
        frame.append(new String(CREATE, StandardCharsets.US_ASCII));
        if (!empty) {
            frame.append(',');
        }
        frame.append(new String(body, at + 1, body.length - at - 1, StandardCharsets.UTF_8));
        return frame.toString();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void trace(GatewayRequest request, String accountId, String transport, String reason) {
        recorder.trace(request.traceId(), TraceStep.UPSTREAM_TRANSPORT, Map.of("account_id", accountId,
                "transport", transport, "reason", reason));
    }
}
