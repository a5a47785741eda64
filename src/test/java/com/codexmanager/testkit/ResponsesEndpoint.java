package com.codexmanager.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /backend-api/codex/responses} and {@code /responses/compact} (codex-protocol.md §2, §9.2).
 * Order of checks: bearer and account header, the {@link FakeAccount#unauthorizedAfter} trigger, body
 * validation, exhausted quota, then the scenario: the account's queue, the fake-wide queue, a magic word,
 * the account's standing scenario, else {@link Scenario#TEXT}. Thread-safe.
 */
final class ResponsesEndpoint {
    private static final String UPGRADE_REQUIRED = "Upgrade Required: use HTTP SSE";
    private final BackendAuth auth;
    private final RequestValidator validator;
    private final SseScenarios scenarios;
    private final SseStreamer streamer;
    private final ErrorReplies errors;
    private final ModelCatalog models;
    private final Queue<Scenario> sharedScript;
    private final FakeUpstreamOptions options;
    private final Clock clock;
    private final AtomicLong serial = new AtomicLong();

    ResponsesEndpoint(BackendAuth auth, RequestValidator validator, SseScenarios scenarios, SseStreamer streamer,
            ErrorReplies errors, ModelCatalog models, Queue<Scenario> sharedScript, FakeUpstreamOptions options) {
        this.auth = auth;
        this.validator = validator;
        this.scenarios = scenarios;
        this.streamer = streamer;
        this.errors = errors;
        this.models = models;
        this.sharedScript = sharedScript;
        this.options = options;
        this.clock = options.clock();
    }

    void responses(Context ctx) {
        auth.owner(ctx).ifPresent(FakeAccount::noteResponsesCall);
        Optional<FakeAccount> caller = authenticate(ctx);
        Optional<JsonObject> body = caller.flatMap(account -> validBody(ctx, account));
        if (body.isEmpty()) {
            return;
        }
        FakeAccount account = caller.get();
        QuotaSnapshot quota = account.quota().snapshot(clock.instant());
        if (quota.limitReached()) {
            errors.usageLimit(ctx, account, quota);
            return;
        }
        Optional<Scenario> scenario = pickScenario(ctx, account, body.get());
        if (scenario.isEmpty()) {
            return;
        }
        if (!scenario.get().streams()) {
            errors.write(scenario.get(), ctx, account, quota);
            return;
        }
        QuotaSnapshot after = account.quota().consume(clock.instant());
        account.noteSuccess();
        String ownReply = account.replyTextOrNull();
        String reply = ownReply != null ? ownReply : options.replyText();
        ResponseContext context = ResponseContext.of(body.get(), serial.incrementAndGet(),
                clock.instant().getEpochSecond(), reply);
        streamer.stream(ctx, successHeaders(ctx, account, after, context), scenarios.plan(scenario.get(), context));
    }

    void compact(Context ctx) {
        Optional<FakeAccount> caller = authenticate(ctx);
        if (caller.isEmpty()) {
            return;
        }
        JsonObject body;
        try {
            body = Json.parseObject(ctx.body());
        } catch (IllegalArgumentException e) {
            Replies.detail(ctx, 400, "Invalid JSON body");
            return;
        }
        JsonElement input = body.get("input");
        if (Json.string(body, "model") == null || input == null || !input.isJsonArray()) {
            Replies.detail(ctx, 400, "model and input are required");
            return;
        }
        JsonArray output = new JsonArray();
        for (JsonElement item : input.getAsJsonArray()) {
            if (item.isJsonObject() && "user".equals(Json.string(item.getAsJsonObject(), "role"))) {
                output.add(item.deepCopy());
            }
        }
        output.add(Json.obj("type", "compaction", "encrypted_content",
                "gAAAAB-fake-compaction-" + serial.incrementAndGet()));
        Replies.json(ctx, 200, Json.obj("output", output));
    }

    /** {@code GET /responses} without an upgrade: the fake has no WebSocket transport. */
    void websocketUpgrade(Context ctx) {
        Replies.detail(ctx, 426, UPGRADE_REQUIRED);
    }

    /** A real WebSocket handshake on {@code /responses}: refused with 426 so clients fall back to HTTP SSE. */
    void refuseWebSocket(Context ctx) {
        throw new HttpResponseException(426, UPGRADE_REQUIRED);
    }

    private Optional<FakeAccount> authenticate(Context ctx) {
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
            Replies.detail(ctx, 415, "The fake upstream does not decode Content-Encoding: " + encoding);
            return Optional.empty();
        }
        Optional<FakeAccount> account = auth.authenticate(ctx);
        if (account.isPresent() && account.get().consumeUnauthorizedTrigger()) {
            BackendAuth.unauthorized(ctx);
            return Optional.empty();
        }
        return account;
    }

    private Optional<JsonObject> validBody(Context ctx, FakeAccount account) {
        JsonObject body;
        try {
            body = Json.parseObject(ctx.body());
        } catch (IllegalArgumentException e) {
            Replies.detail(ctx, 400, "Invalid JSON body");
            return Optional.empty();
        }
        Optional<RequestValidator.Rejection> rejection = validator.validate(body, account.planType());
        if (rejection.isPresent()) {
            Replies.json(ctx, 400, rejection.get().body());
            return Optional.empty();
        }
        return Optional.of(body);
    }

    private Optional<Scenario> pickScenario(Context ctx, FakeAccount account, JsonObject body) {
        Scenario queued = account.pollQueuedScenario();
        if (queued == null) {
            queued = sharedScript.poll();
        }
        if (queued != null) {
            return Optional.of(queued);
        }
        Optional<String> word = ResponseContext.magicWord(body);
        if (word.isPresent()) {
            Optional<Scenario> named = Scenario.fromMagicWord(word.get());
            if (named.isEmpty()) {
                Replies.detail(ctx, 400, "Unknown fake scenario: " + word.get());
            }
            return named;
        }
        Scenario standing = account.standingScenario();
        return Optional.of(standing != null ? standing : Scenario.TEXT);
    }

    private Map<String, String> successHeaders(Context ctx, FakeAccount account, QuotaSnapshot quota,
            ResponseContext context) {
        Map<String, String> headers = new LinkedHashMap<>(RateLimitHeaders.of(quota, account.planType()));
        headers.put("x-models-etag", models.etag());
        headers.put("x-request-id", String.format("req_fake%06d", context.serial()));
        headers.put("openai-model", context.model());
        headers.put("cf-ray", String.format("%016x-FAKE", context.serial()));
        if (options.issueTurnState()) {
            String turnState = ctx.header("x-codex-turn-state");
            headers.put("x-codex-turn-state", turnState != null ? turnState
                    : String.format("ts_fake%06d_%s", context.serial(), account.userId()));
        }
        return headers;
    }
}
