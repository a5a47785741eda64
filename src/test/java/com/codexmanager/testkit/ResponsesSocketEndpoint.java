package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsMessageContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * {@code GET /backend-api/codex/responses} upgraded to a WebSocket (codex-protocol.md §2.9), off by default: then
 * the upgrade is answered 426 as the fake always did. Switched on ({@link FakeUpstream#serveWebSockets}), the
 * upgrade needs the bearer of an account; each {@code response.create} frame is one turn, recorded with transport
 * {@code websocket}, checked and scripted like an HTTP call (quota, body, queued scenario, magic word), and answered
 * with the same events as text frames, after the {@code codex.rate_limits} frames that carry what an HTTP reply's
 * {@code x-codex-*} headers carry ({@link RateLimitEvents}). An HTTP error scenario becomes the backend's error frame
 * {@code {"type":"error","status":N,"error":{…},"headers":{…}}}; {@link Scenario#DROP_MID_STREAM} and
 * {@link Scenario#DROP_BEFORE_RESPONSE} drop the connection. Thread-safe; a socket's frames are served one at a time.
 */
final class ResponsesSocketEndpoint {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final String CONNECTION_LIMIT = "websocket_connection_limit_reached";

    private final BackendAuth auth;
    private final TokenRegistry tokens;
    private final AccountDirectory accounts;
    private final RequestValidator validator;
    private final SseScenarios scenarios;
    private final Queue<Scenario> sharedScript;
    private final FakeUpstreamOptions options;
    private final RequestLog log;
    private final ShutdownSignal shutdown;
    private final Clock clock;
    private final Consumer<WsMessageContext> recordFrame;
    private final AtomicBoolean enabled = new AtomicBoolean();
    /** A status that answers every upgrade instead of switching protocols; 0: none. */
    private final AtomicInteger refuseUpgradesWith = new AtomicInteger();
    /** Turns still to be answered with the backend's connection-limit error, each ending its socket. */
    private final AtomicInteger connectionLimits = new AtomicInteger();
    /** Response ids of socket turns start far from the HTTP ones, so the two never meet. */
    private final AtomicLong serial = new AtomicLong(500_000);

    ResponsesSocketEndpoint(BackendAuth auth, TokenRegistry tokens, AccountDirectory accounts,
            RequestValidator validator, SseScenarios scenarios, Queue<Scenario> sharedScript,
            FakeUpstreamOptions options, RequestLog log, ShutdownSignal shutdown, Consumer<WsMessageContext> record) {
        this.auth = auth;
        this.tokens = tokens;
        this.accounts = accounts;
        this.validator = validator;
        this.scenarios = scenarios;
        this.sharedScript = sharedScript;
        this.options = options;
        this.log = log;
        this.shutdown = shutdown;
        this.clock = options.clock();
        this.recordFrame = record;
    }

    void enable(boolean on) {
        enabled.set(on);
    }

    /** Answers every later upgrade with {@code status} (502, 200…) instead of switching; 0 stops it. */
    void refuseUpgradesWith(int status) {
        refuseUpgradesWith.set(status);
    }

    /**
     * Answers the next {@code turns} turns with the error frame the backend sends when a socket reached its
     * 60-minute limit, then closes that socket with the same reason (codex-protocol.md §2.9).
     */
    void connectionLimitOnNextTurns(int turns) {
        connectionLimits.set(turns);
    }

    /** Refuses the upgrade with 426 while off, and with the backend's 401 without a valid bearer. */
    void beforeUpgrade(Context ctx) {
        if (!enabled.get()) {
            throw new HttpResponseException(426, "Upgrade Required: use HTTP SSE");
        }
        int refusal = refuseUpgradesWith.get();
        if (refusal != 0) {
            throw new HttpResponseException(refusal, "upgrade refused by the test");
        }
        if (auth.authenticate(ctx).isEmpty()) {
            throw new HttpResponseException(ctx.statusCode(), "Unauthorized");
        }
    }

    void configure(WsConfig ws) {
        ws.onMessage(this::frame);
    }

    private void frame(WsMessageContext ctx) {
        recordFrame.accept(ctx);
        Session session = ctx.session;
        try {
            turn(ctx, session);
        } catch (IOException e) {
            session.disconnect();
        }
    }

    private void turn(WsMessageContext ctx, Session session) throws IOException {
        if (connectionLimits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            error(session, 400, Json.obj("type", "invalid_request_error", "code", CONNECTION_LIMIT, "message",
                    "Responses websocket connection limit reached (60 minutes). Create a new websocket connection "
                            + "to continue."), Map.of());
            session.close(1000, CONNECTION_LIMIT, Callback.NOOP);
            return;
        }
        Optional<FakeAccount> caller = caller(ctx);
        if (caller.isEmpty()) {
            error(session, 401, Json.obj("message", "Unauthorized", "type", null, "code", "token_expired"), Map.of());
            return;
        }
        FakeAccount account = caller.get();
        account.noteResponsesCall();
        if (account.consumeUnauthorizedTrigger()) {
            error(session, 401, Json.obj("message", "Unauthorized", "type", null, "code", null), Map.of());
            return;
        }
        JsonObject body;
        try {
            body = Json.parseObject(ctx.message());
        } catch (IllegalArgumentException e) {
            error(session, 400, Json.obj("message", "Invalid JSON", "type", "invalid_request_error"), Map.of());
            return;
        }
        if (!"response.create".equals(Json.string(body, "type"))) {
            error(session, 400, Json.obj("message", "Unsupported event type", "type", "invalid_request_error",
                    "code", "unsupported_event_type"), Map.of());
            return;
        }
        body.remove("type");
        Optional<RequestValidator.Rejection> rejection = validator.validate(body, account.planType());
        if (rejection.isPresent()) {
            error(session, 400, Json.obj("message", rejection.get().body().toString(),
                    "type", "invalid_request_error"), Map.of());
            return;
        }
        QuotaSnapshot quota = account.quota().snapshot(clock.instant());
        Scenario scenario = quota.limitReached() ? Scenario.USAGE_LIMIT : scenario(account, body);
        if (!scenario.streams()) {
            refuse(session, scenario, account, quota);
            return;
        }
        QuotaSnapshot after = account.quota().consume(clock.instant());
        account.noteSuccess();
        String ownReply = account.replyTextOrNull();
        ResponseContext context = ResponseContext.of(body, serial.incrementAndGet(), clock.instant().getEpochSecond(),
                ownReply != null ? ownReply : options.replyText());
        stream(session, RateLimitEvents.of(after, account.planType()), scenarios.plan(scenario, context));
    }

    private Optional<FakeAccount> caller(WsMessageContext ctx) {
        String header = ctx.header("Authorization");
        String token = header == null || header.length() < 7 ? null : header.substring(7).trim();
        Optional<TokenRegistry.AccessGrant> grant = tokens.access(token);
        if (grant.isEmpty() || grant.get().expired(clock.instant())) {
            return Optional.empty();
        }
        return accounts.find(grant.get().accountId());
    }

    private Scenario scenario(FakeAccount account, JsonObject body) {
        Scenario queued = account.pollQueuedScenario();
        if (queued == null) {
            queued = sharedScript.poll();
        }
        if (queued != null) {
            return queued;
        }
        Optional<Scenario> named = ResponseContext.magicWord(body).flatMap(Scenario::fromMagicWord);
        if (named.isPresent()) {
            return named.get();
        }
        Scenario standing = account.standingScenario();
        return standing != null ? standing : Scenario.TEXT;
    }

    /** The HTTP error scenarios as the backend's error frames. */
    private void refuse(Session session, Scenario scenario, FakeAccount account, QuotaSnapshot quota)
            throws IOException {
        switch (scenario) {
            case DROP_BEFORE_RESPONSE -> session.disconnect();
            case USAGE_LIMIT -> {
                QuotaSnapshot spent = quota.limitReached() ? quota : quota.withPrimaryExhausted();
                long now = clock.instant().getEpochSecond();
                QuotaWindow binding = spent.bindingWindow().orElseGet(() -> new QuotaWindow(
                        QuotaWindow.FIVE_HOURS_SECONDS, 100, now + QuotaWindow.FIVE_HOURS_SECONDS,
                        QuotaWindow.FIVE_HOURS_SECONDS));
                error(session, 429, Json.obj("type", "usage_limit_reached", "message",
                        "The usage limit has been reached", "plan_type", account.planType(),
                        "resets_at", binding.resetAtEpochSecond(), "eligible_promo", null,
                        "resets_in_seconds", binding.resetAfterSeconds()),
                        RateLimitHeaders.of(spent, account.planType()));
            }
            case RATE_LIMITED -> error(session, 429, Json.obj("message",
                    "Rate limit reached for requests. Please try again in 2s.", "type", "rate_limit_error",
                    "param", null, "code", "rate_limit_exceeded"), Map.of("retry-after", "2"));
            case OVERLOADED -> error(session, 503, Json.obj("message", SseScenarios.OVERLOADED_MESSAGE,
                    "type", "server_error", "code", "server_is_overloaded"), Map.of());
            case UNAUTHORIZED, TOKEN_EXPIRED -> error(session, 401, Json.obj("message", "Unauthorized",
                    "type", null, "code", scenario == Scenario.TOKEN_EXPIRED ? "token_expired" : null), Map.of());
            case CLOUDFLARE_BLOCK, CLOUDFLARE_CHALLENGE -> error(session, 403, Json.obj("message", "Forbidden",
                    "type", "forbidden", "code", null), Map.of());
            default -> error(session, statusOf(scenario), Json.obj("message", "The server had an error",
                    "type", "server_error", "code", null), Map.of());
        }
    }

    private static int statusOf(Scenario scenario) {
        return switch (scenario) {
            case BAD_GATEWAY -> 502;
            case GATEWAY_TIMEOUT -> 504;
            default -> 500;
        };
    }

    private void error(Session session, int status, JsonObject error, Map<String, String> headers)
            throws IOException {
        JsonObject frame = Json.obj("type", "error", "status", status, "error", error);
        JsonObject headerObject = new JsonObject();
        headers.forEach(headerObject::addProperty);
        frame.add("headers", headerObject);
        send(session, Json.write(frame));
    }

    /** The turn's events, after the rate-limit frames that stand for an HTTP reply's headers. */
    private void stream(Session session, List<JsonObject> rateLimits, StreamPlan plan) throws IOException {
        log.streamOpened();
        boolean clientGone = false;
        try {
            clientGone = !pause(session, plan.beforeHeaders());
            for (JsonObject frame : clientGone ? List.<JsonObject>of() : rateLimits) {
                send(session, Json.write(frame));
            }
            long sequence = 0;
            for (StreamStep step : clientGone ? List.<StreamStep>of() : plan.steps()) {
                if (step instanceof StreamStep.Emit emit) {
                    JsonObject data = Json.obj("type", emit.type(), "sequence_number", sequence++);
                    emit.fields().entrySet().forEach(entry -> data.add(entry.getKey(), entry.getValue()));
                    send(session, Json.write(data));
                } else if (step instanceof StreamStep.Pause pause) {
                    if (!pause(session, pause.duration())) {
                        clientGone = !session.isOpen();
                        session.disconnect();
                        return;
                    }
                } else {
                    session.disconnect();
                    return;
                }
            }
        } catch (IOException e) {
            clientGone = true;
            throw e;
        } finally {
            log.streamClosed(clientGone);
        }
    }

    /** Waits; false when the fake shuts down or the client left meanwhile. */
    private boolean pause(Session session, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            long left = Math.min(deadline - System.nanoTime(), Duration.ofMillis(20).toNanos());
            if (shutdown.await(Duration.ofNanos(Math.max(left, 0))) || !session.isOpen()) {
                return false;
            }
        }
        return true;
    }

    private static void send(Session session, String text) throws IOException {
        Callback.Completable sent = new Callback.Completable();
        session.sendText(text, sent);
        try {
            sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the WebSocket client did not read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
