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
import com.codexmanager.gateway.upstream.UpstreamSocketClient.HandshakeRefusedException;
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
 * as the headers do ({@link RateLimitHeaders#ofEvent}). The error frame's headers go on to the client with the
 * refusal, as an HTTP error's do; the {@code codex.rate_limits} frames do not, as an HTTP success's headers do not.
 *
 * <p>The attempt's watchdog is armed before the upgrade, so the first-byte timeout and a service shutdown cover the
 * handshake and the send as they cover an HTTP request's. A reused socket idle for a while must answer a ping
 * first; one that never answers a turn (closed as the frame went out, or silently dropped on the way), or that the
 * backend ends at its connection limit, gives the turn to a fresh socket of the same account, once, with no
 * cooldown. When the upstream WebSocket is off, the call goes through a proxy, or the base URL refused or kept
 * failing the upgrade lately ({@link SocketFallbacks}), the attempt is not made ({@link Optional#empty()}) and the
 * caller uses HTTP SSE. Thread-safe.
 */
final class SocketAttempts {
    /** The upgrade is light work for the backend: a handshake slower than this is better served over HTTP SSE. */
    private static final Duration MAX_HANDSHAKE = Duration.ofSeconds(15);
    /** How long a socket that idled past {@link UpstreamSocketSlot#PING_AFTER} has to answer a ping. */
    static final Duration PONG_WAIT = Duration.ofSeconds(2);
    private static final byte[] CREATE = "{\"type\":\"response.create\"".getBytes(StandardCharsets.US_ASCII);

    private final UpstreamSocketClient sockets;
    private final UpstreamClient upstream;
    private final OutcomeClassifier classifier;
    private final StreamWatchdog watchdog;
    private final OpenAttempts open;
    private final RequestRecorder recorder;
    private final UsageObserver usageObserver;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final SocketFallbacks fallbacks = new SocketFallbacks();

    SocketAttempts(UpstreamSocketClient sockets, UpstreamClient upstream, OutcomeClassifier classifier,
            StreamWatchdog watchdog, OpenAttempts open, RequestRecorder recorder, UsageObserver usageObserver,
            GatewayMetrics metrics, Clock clock) {
        this.sockets = sockets;
        this.upstream = upstream;
        this.classifier = classifier;
        this.watchdog = watchdog;
        this.open = open;
        this.recorder = recorder;
        this.usageObserver = usageObserver;
        this.metrics = metrics;
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
        Turn turn = new Turn(uri, baseUrl, request, settings, accountId, credentials, client, startNanos, slot,
                createFrame(request.bodyBytes()));
        UpstreamSocketSlot.Reusable reusable = slot.reuse(accountId, baseUrl, credentials.accessToken(),
                request.affinityKey(), now);
        if (reusable != null) {
            Attempt reused = overReused(turn, reusable);
            if (reused != null) {
                return Optional.of(reused);
            }
        }
        return overFresh(turn, true);
    }

    /** The turn over the socket of an earlier turn; {@code null} when a fresh socket must take it. */
    private Attempt overReused(Turn turn, UpstreamSocketSlot.Reusable reusable) {
        UpstreamSocket socket = reusable.socket();
        if (reusable.needsPing() && !socket.ping(PONG_WAIT)) {
            turn.slot().discard(socket);
            trace(turn, "websocket", "ping_unanswered");
            return null;
        }
        trace(turn, "websocket", "reused");
        Attempt result;
        try (AttemptWatch watch = watch(socket, turn)) {
            result = sendAndRelay(turn, socket, watch);
        }
        if (unseen(result, socket) || expired(result, socket)) {
            // the backend never saw the turn, or ended the socket at its limit: a fresh socket takes it
            trace(turn, "websocket", "retry_fresh");
            return null;
        }
        return result;
    }

    /**
     * The turn over a newly opened socket, its watchdog armed before the upgrade.
     *
     * @param mayRetry whether a turn the backend refuses at its connection limit may go to one more fresh socket
     */
    private Optional<Attempt> overFresh(Turn turn, boolean mayRetry) {
        UpstreamSocket socket = new UpstreamSocket();
        Attempt result;
        try (AttemptWatch watch = watch(socket, turn)) {
            Optional<Attempt> notOpened = open(turn, socket, watch);
            if (notOpened != null) {
                return notOpened;
            }
            result = sendAndRelay(turn, socket, watch);
        }
        if (mayRetry && expired(result, socket)) {
            trace(turn, "websocket", "retry_fresh");
            return overFresh(turn, false);
        }
        return Optional.of(result);
    }

    /**
     * Opens {@code socket} and keeps it in the slot.
     *
     * @return {@code null} once open; else empty (use HTTP SSE) or how the attempt ended (stopped, client gone)
     */
    private Optional<Attempt> open(Turn turn, UpstreamSocket socket, AttemptWatch watch) {
        GatewaySettings settings = turn.settings();
        Map<String, String> headers = UpstreamHeaders.build(turn.credentials(), settings.originator(),
                settings.cookie(), turn.request().clientHeaders(), turn.request().affinityKey(), true);
        try {
            sockets.open(socket, turn.uri(), headers, min(settings.firstByteTimeout(), MAX_HANDSHAKE));
        } catch (IOException e) {
            if (watch.stopping()) {
                return Optional.of(new Attempt.Failed(new Outcome.ServiceStopping()));
            }
            if (watch.clientGone()) {
                return Optional.of(Attempt.Relayed.clientLeft(0));
            }
            upgradeFailed(turn, e);
            return Optional.empty();
        }
        fallbacks.opened(turn.baseUrl());
        turn.slot().hold(turn.accountId(), turn.baseUrl(), turn.credentials().accessToken(),
                turn.request().affinityKey(), socket, clock.instant());
        trace(turn, "websocket", "opened");
        return null;
    }

    private void upgradeFailed(Turn turn, IOException e) {
        Instant now = clock.instant();
        if (e instanceof HandshakeRefusedException refused && speaksNoWebSocket(refused.status())) {
            fallbacks.remember(turn.baseUrl(), now);
            metrics.upstreamUpgradeFailed("refused");
        } else if (!(e instanceof HandshakeRefusedException refused && refusesAccount(refused.status()))) {
            fallbacks.failed(turn.baseUrl(), now);
            metrics.upstreamUpgradeFailed("failed");
        }
        trace(turn, "http", e instanceof HandshakeRefusedException refused
                ? "upgrade_refused_" + refused.status() : "upgrade_failed");
    }

    /**
     * Whether an upgrade refused with {@code status} means the endpoint has no WebSocket (426, 404, 405…), not a
     * refusal of this account (401, 403, 429) or a passing failure (3xx, 5xx), which HTTP SSE then meets.
     */
    private static boolean speaksNoWebSocket(int status) {
        return status >= 400 && status < 500 && !refusesAccount(status);
    }

    private static boolean refusesAccount(int status) {
        return status == 401 || status == 403 || status == 429;
    }

    private AttemptWatch watch(UpstreamSocket socket, Turn turn) {
        return new AttemptWatch(socket::cancel, turn.client(), open).register(watchdog, turn.settings());
    }

    private Attempt sendAndRelay(Turn turn, UpstreamSocket socket, AttemptWatch watch) {
        try {
            socket.send(turn.frame(), turn.settings().firstByteTimeout());
        } catch (IOException e) {
            turn.slot().discard(socket);
            return new Attempt.Failed(watch.stopping() ? new Outcome.ServiceStopping()
                    : new Outcome.Network(e.getMessage()));
        }
        Attempt result = new StreamRelay(socket, turn.client(), classifier, watch, turn.settings(),
                rateLimits(turn.credentials().accountId())).run(turn.startNanos(), Map.of());
        if (!(result instanceof Attempt.Relayed done && done.clean()) || !socket.open()) {
            turn.slot().discard(socket);
        } else {
            turn.slot().used(socket, clock.instant());
        }
        return result;
    }

    /**
     * Whether the backend never saw the turn: the socket ended or stayed silent (a first-byte timeout) without a
     * single message since the frame went out, as a socket closed or dropped between turns does.
     */
    private static boolean unseen(Attempt result, UpstreamSocket socket) {
        return result instanceof Attempt.Failed failed && !socket.answered()
                && (failed.outcome() instanceof Outcome.ServerError || failed.outcome() instanceof Outcome.Network);
    }

    /** Whether the backend ended the socket at its connection limit (error frame or close reason) before output. */
    private static boolean expired(Attempt result, UpstreamSocket socket) {
        return result instanceof Attempt.Failed failed && (failed.outcome() instanceof Outcome.SocketExpired
                || !(failed.outcome() instanceof Outcome.ServiceStopping)
                && socket.closeReason().contains(Outcome.SocketExpired.CODE));
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

    private void trace(Turn turn, String transport, String reason) {
        recorder.trace(turn.request().traceId(), TraceStep.UPSTREAM_TRANSPORT, Map.of("account_id", turn.accountId(),
                "transport", transport, "reason", reason));
    }

    /** What one turn's attempts on one account share. */
    private record Turn(URI uri, String baseUrl, GatewayRequest request, GatewaySettings settings, String accountId,
            Credentials credentials, ClientStream client, long startNanos, UpstreamSocketSlot slot, String frame) {
        @Override
        public String toString() {
            return "Turn[" + accountId + ", " + baseUrl + "]";
        }
    }
}
