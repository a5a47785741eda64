package com.codexmanager.gateway;

import com.codexmanager.gateway.port.KeyAuthenticator;
import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.gateway.protocol.OpenAiErrorRenderer;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Responses API over a WebSocket on {@code GET /v1/responses} (codex-protocol.md §2.9), as Codex speaks it
 * with {@code supports_websockets = true}. The upgrade is accepted only with a valid platform key; while
 * {@code CODEXMANAGER_WEBSOCKET_ENABLED} is false (or for an azure_openai key, which is served over HTTP) it is
 * answered 426 in JSON, on which Codex falls back to HTTP for the session. An accepted connection takes one
 * {@code response.create} frame at a time ({@link SocketTurns}); the next frame is read only when the answer is
 * written, so a connection holds at most one frame and one turn in memory. Idle and lifetime limits and the
 * shutdown drain are kept by {@link OpenSockets}. Thread-safe.
 */
final class ResponsesSockets {
    private static final Logger log = LoggerFactory.getLogger(ResponsesSockets.class);
    /** Jetty's own idle timeout is a backstop behind the sweeper's, which closes idle connections first. */
    private static final Duration JETTY_IDLE_MARGIN = Duration.ofMinutes(2);

    private final KeyAuthenticator keys;
    private final GatewayConfig config;
    private final SocketTurns turns;
    private final OpenSockets open;
    private final GatewayMetrics metrics;
    private final Clock clock;
    /** Keyed by the Jetty session itself: Javalin's session id is the HTTP session's, which clients may share. */
    private final Map<Session, SocketConnection> bySession = new ConcurrentHashMap<>();

    ResponsesSockets(KeyAuthenticator keys, GatewayConfig config, SocketTurns turns, OpenSockets open,
            GatewayMetrics metrics, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.turns = turns;
        this.open = open;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Runs before the upgrade: refuses it (status and JSON body, no upgrade) unless the key may open one. */
    void beforeUpgrade(Context ctx) throws IOException {
        GatewaySettings settings = config.current().settings();
        GatewayError refusal = null;
        if (!settings.sockets().enabled()) {
            refusal = GatewayError.of(426, "websocket_disabled", "WebSockets are turned off on this gateway "
                    + "(CODEXMANAGER_WEBSOCKET_ENABLED=false); use POST " + SocketTurns.PATH);
        } else if (open.draining()) {
            refusal = GatewayError.of(503, "service_stopping", "the gateway is shutting down; retry the request");
        } else {
            KeyAuthenticator.KeyVerdict verdict = keys.authenticate(ApiKeyExtractor.extract(ctx));
            if (verdict instanceof KeyAuthenticator.KeyVerdict.Rejected rejected) {
                refusal = GatewayError.of(rejected.status(), rejected.code(), rejected.message());
            } else if (RequestSteps.AZURE_PROTOCOL.equals(
                    ((KeyAuthenticator.KeyVerdict.Allowed) verdict).key().protocolType())) {
                refusal = GatewayError.of(426, "websocket_not_served_for_azure_keys",
                        "azure_openai keys are served over HTTP only: POST " + SocketTurns.PATH);
            }
        }
        if (refusal != null) {
            refuse(ctx, refusal);
        }
    }

    /**
     * Writes the refusal itself (nothing after a before-upgrade handler writes a result for an upgrade request),
     * and counts and logs it: no request-log row tells of an upgrade, and a 426 is Codex's cue to fall back to HTTP.
     */
    private void refuse(Context ctx, GatewayError error) throws IOException {
        metrics.upgradeRefused(error.code());
        log.info("Refused a Responses WebSocket upgrade with {} {}", error.status(), error.code());
        byte[] body = OpenAiErrorRenderer.envelope(error).toString().getBytes(StandardCharsets.UTF_8);
        ctx.res().setStatus(error.status());
        ctx.res().setContentType("application/json");
        ctx.res().setContentLength(body.length);
        ctx.res().getOutputStream().write(body);
        ctx.res().flushBuffer();
        ctx.skipRemainingHandlers();
    }

    void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onMessage(this::message);
        ws.onClose(this::closed);
        ws.onError(ctx -> log.debug("WebSocket error: {}", ctx.error() == null ? "?" : ctx.error().toString()));
    }

    private void connected(WsConnectContext ctx) {
        GatewaySettings settings = config.current().settings();
        ctx.session.setMaxTextMessageSize(settings.maxBodyBytes());
        ctx.session.setIdleTimeout(settings.sockets().idleTimeout().plus(JETTY_IDLE_MARGIN));
        Duration writeTimeout = settings.idleTimeout();
        SocketConnection connection = new SocketConnection(ctx.session, lowerCaseHeaders(ctx),
                "ws-" + UUID.randomUUID(), clock.instant(), writeTimeout);
        bySession.put(ctx.session, connection);
        metrics.socketOpened();
        open.add(connection);
    }

    private void message(WsMessageContext ctx) {
        SocketConnection connection = bySession.get(ctx.session);
        if (connection != null) {
            turns.serve(connection, ctx.message());
        }
    }

    private void closed(WsCloseContext ctx) {
        SocketConnection connection = bySession.remove(ctx.session);
        if (connection != null) {
            connection.upstream().close();
            open.remove(connection);
            metrics.socketClosed();
        }
    }

    /**
     * The upgrade request's headers, names lower-cased, less {@code x-codex-turn-metadata}: it describes the turn
     * that opened the socket (often a warm-up), and each frame carries its own in {@code client_metadata}.
     */
    private static Map<String, String> lowerCaseHeaders(WsContext ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        ctx.headerMap().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        out.remove("x-codex-turn-metadata");
        return out;
    }
}
