package com.codexmanager.gateway;

import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
import com.codexmanager.gateway.protocol.AdapterException;
import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.gateway.protocol.JsonFields;
import com.codexmanager.gateway.protocol.OpenAiErrorRenderer;
import com.codexmanager.gateway.protocol.ProtocolAdapter;
import com.codexmanager.gateway.protocol.ResponsesAdapter;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the {@code response.create} frames of Responses WebSockets. Each frame is one request of the Responses
 * protocol and takes the same way as an HTTP one: {@link RequestSteps} (the key is authenticated again from the
 * upgrade request's headers; a turn that names no conversation belongs to the connection's own), the
 * {@link GatewayExecutor} (selection, affinity, failover while nothing was sent, watchdog, shutdown) with a
 * {@link SocketStream} as the client and the connection's own upstream WebSocket ({@link UpstreamSocketSlot}, HTTP
 * SSE when that cannot be used), and one request-log row with transport {@code websocket}. A frame naming
 * {@code previous_response_id} gets the connection's remembered conversation
 * in front of its new items ({@link SocketConversation}); a warm-up frame ({@code "generate": false}) is checked
 * like a turn, answered with an empty completed response without calling the upstream, and logs no row.
 * Errors before any output are error frames ({@link SocketFrames}). Thread-safe; each turn runs on its
 * connection's Jetty thread.
 */
final class SocketTurns {
    private static final Logger log = LoggerFactory.getLogger(SocketTurns.class);
    static final String PATH = "/v1/responses";
    private static final ProtocolAdapter RESPONSES = new ResponsesAdapter(false, OpenAiErrorRenderer.INSTANCE);

    private final RequestSteps steps;
    private final GatewayExecutor executor;
    private final RequestRecorder recorder;
    private final RequestEnd end;
    private final GatewayMetrics metrics;
    private final GatewayConfig config;
    private final TraceIds traceIds;
    private final Clock clock;
    private final OpenSockets sockets;

    SocketTurns(RequestSteps steps, GatewayExecutor executor, RequestRecorder recorder, GatewayMetrics metrics,
            GatewayConfig config, TraceIds traceIds, Clock clock, OpenSockets sockets) {
        this.steps = steps;
        this.executor = executor;
        this.recorder = recorder;
        this.end = new RequestEnd(recorder, clock);
        this.metrics = metrics;
        this.config = config;
        this.traceIds = traceIds;
        this.clock = clock;
        this.sockets = sockets;
    }

    /** Serves one text frame; returns when its answer is written (the next frame is read after that). */
    void serve(SocketConnection connection, String frame) {
        Instant now = clock.instant();
        if (!connection.startTurn(now)) {
            send(connection, SocketFrames.error(GatewayError.of(400, "response_in_progress",
                    "wait for the response in progress before sending the next response.create")));
            return;
        }
        try {
            turn(connection, frame, now);
        } finally {
            connection.endTurn();
            afterTurn(connection);
        }
    }

    private void turn(SocketConnection connection, String frame, Instant now) {
        RequestFacts facts = RequestFacts.start(traceIds.next(), now, RequestFacts.WEBSOCKET, "GET", PATH,
                RESPONSES.upstreamPath());
        recorder.trace(facts.traceId(), TraceStep.REQUEST_START, Map.of("method", facts.method(),
                "path", facts.path(), "transport", facts.transport()));
        GatewayConfig.View view = config.current();
        if (!metrics.tryStart(view.settings().maxInflight())) {
            end.record(facts, refuse(connection, BusyRefusal.error(view.settings().maxInflight())));
            return;
        }
        Ending ending = null;
        boolean warmup = false;
        try {
            GatewayError early = early(connection, now, view.settings().sockets());
            if (early != null) {
                ending = refuse(connection, early);
            } else {
                JsonObject body = frameBody(frame);
                warmup = !JsonFields.bool(body, "generate", true);
                boolean spendsLimits = !warmup;
                Admission admission = steps.admit(facts, ApiKeyExtractor.extract(connection::header),
                        connection.headers(), connection.conversationKey(),
                        max -> expand(connection, body, frame, max), RESPONSES, null, view, spendsLimits);
                facts = admission.facts();
                ending = answer(connection, admission, warmup, view);
            }
        } catch (AdapterException e) {
            ending = refuse(connection, GatewayError.of(e.status(), e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            log.error("WebSocket turn {} failed unexpectedly", facts.traceId(), e);
            connection.conversation().forget();
            ending = refuse(connection, GatewayError.of(500, "internal_error",
                    "internal error; the gateway log has the details"));
        } finally {
            metrics.ended();
            if (ending != null && !(warmup && ending.status() == 200)) {
                end.record(facts, ending);
            }
        }
    }

    /**
     * Refusals that do not depend on the frame: the service is stopping, WebSockets were turned off, or the
     * connection lived its time.
     */
    private GatewayError early(SocketConnection connection, Instant now, GatewaySettings.Sockets limits) {
        if (sockets.draining()) {
            return GatewayError.of(503, "service_stopping", "the gateway is shutting down; reconnect and retry");
        }
        if (!limits.enabled()) {
            return GatewayError.of(426, "websocket_disabled", "WebSockets were turned off on this gateway; "
                    + "reconnect over HTTP (POST " + PATH + ")");
        }
        if (!now.isBefore(connection.openedAt().plus(limits.maxLifetime()))) {
            return GatewayError.of(400, OpenSockets.LIFETIME_REASON, "Responses websocket connection limit reached ("
                    + limits.maxLifetime().toMinutes() + " minutes). Create a new websocket connection to continue.");
        }
        return null;
    }

    /** The frame as a Responses body: {@code type} checked and dropped, streaming implied. */
    private static JsonObject frameBody(String frame) {
        JsonObject body = RequestBodies.parse(frame.getBytes(StandardCharsets.UTF_8));
        String type = JsonFields.string(body, "type");
        if (!"response.create".equals(type)) {
            throw new AdapterException(400, "unsupported_event_type", "expected a response.create frame, got "
                    + (type == null ? "no type" : "'" + (type.length() > 60 ? type.substring(0, 60) : type) + "'"));
        }
        body.remove("type");
        body.addProperty("stream", true);
        return body;
    }

    private static JsonObject expand(SocketConnection connection, JsonObject body, String frame, long maxBytes) {
        if (body.has("previous_response_id") && frame.length() + (long) connection.conversation().size() > maxBytes) {
            throw new AdapterException(413, "request_too_large", "the conversation with this turn exceeds "
                    + maxBytes + " bytes");
        }
        return connection.conversation().expand(body);
    }

    private Ending answer(SocketConnection connection, Admission admission, boolean warmup,
            GatewayConfig.View view) {
        if (admission instanceof Admission.Refused refused) {
            return refuse(connection, refused.error());
        }
        if (admission instanceof Admission.ToAzure) {
            return refuse(connection, GatewayError.of(400, "websocket_not_served_for_azure_keys",
                    "azure_openai keys are served over HTTP only: POST /v1/responses"));
        }
        Admission.ToPool toPool = (Admission.ToPool) admission;
        GatewayRequest request = toPool.request();
        JsonArray input = request.body().getAsJsonArray("input");
        long maxBytes = view.settings().maxBodyBytes();
        if (warmup) {
            String id = "resp_warmup_" + UUID.randomUUID().toString().replace("-", "");
            for (String frame : SocketFrames.warmup(id, request.effectiveModel(), clock.instant())) {
                send(connection, frame);
            }
            connection.conversation().remember(id, input, List.of(), maxBytes);
            return Ending.refused(200, null, null);
        }
        SocketStream stream = new SocketStream(connection);
        ExecutionResult result = executor.execute(request, view.settings(), stream, connection.upstream());
        if (result instanceof ExecutionResult.Refused refused) {
            connection.conversation().forget();
            GatewayError error = new GatewayError(refused.status(), refused.code(), refused.message(),
                    refused.retryAfter(), refused.passthroughBody());
            send(connection, SocketFrames.error(error, refused.rateLimitHeaders()));
            return Ending.refused(refused, refused.status());
        }
        ExecutionResult.Served served = (ExecutionResult.Served) result;
        if (stream.completed() && served.streamError() == null && !served.clientGone()) {
            connection.conversation().remember(stream.responseId(), input, stream.outputs(), maxBytes);
        } else {
            connection.conversation().forget();
        }
        return Ending.served(served, served.clientGone() ? 499 : 200);
    }

    private static Ending refuse(SocketConnection connection, GatewayError error) {
        send(connection, SocketFrames.error(error));
        return Ending.refused(error.status(), error.code(), error.message());
    }

    private static void send(SocketConnection connection, String frame) {
        try {
            connection.send(frame);
            connection.flush();
        } catch (IOException e) {
            log.debug("A WebSocket client left before its answer was written: {}", e.getMessage());
        }
    }

    /**
     * Closes the connection once its turn is over if the service is stopping, WebSockets were turned off or its
     * lifetime has passed.
     */
    private void afterTurn(SocketConnection connection) {
        if (sockets.draining()) {
            sockets.turnEnded(connection);
            return;
        }
        GatewaySettings.Sockets limits = config.current().settings().sockets();
        if (!limits.enabled()) {
            connection.close(OpenSockets.NORMAL, OpenSockets.DISABLED_REASON);
        } else if (!clock.instant().isBefore(connection.openedAt().plus(limits.maxLifetime()))) {
            connection.close(OpenSockets.NORMAL, OpenSockets.LIFETIME_REASON);
        }
    }
}
