package com.codexmanager.gateway;

import com.codexmanager.config.Settings;
import com.codexmanager.gateway.port.KeyAuthenticator;
import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.protocol.ResponsesAggregator;
import com.codexmanager.gateway.protocol.ResponsesRequestNormaliser;
import com.codexmanager.gateway.protocol.ResponsesSseStream;
import com.codexmanager.gateway.sse.SseEvent;
import com.codexmanager.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /v1/responses} and {@code POST /v1/responses/compact}: key auth, body checks, normalisation toward
 * the backend, execution through the pool, and the answer — a relayed event stream for streaming clients, one
 * response object rebuilt from the stream for the others. Every response carries {@code X-CodexManager-Trace-Id}
 * and every request writes one request-log row. Thread-safe.
 */
final class ResponsesHandler {
    static final String TRACE_HEADER = "X-CodexManager-Trace-Id";

    private final KeyAuthenticator keys;
    private final GatewayExecutor executor;
    private final RequestRecorder recorder;
    private final Supplier<Settings> settings;
    private final TraceIds traceIds;
    private final Clock clock;

    ResponsesHandler(KeyAuthenticator keys, GatewayExecutor executor, RequestRecorder recorder,
            Supplier<Settings> settings, TraceIds traceIds, Clock clock) {
        this.keys = keys;
        this.executor = executor;
        this.recorder = recorder;
        this.settings = settings;
        this.traceIds = traceIds;
        this.clock = clock;
    }

    void handle(Context ctx, boolean compact) {
        RequestLog log = new RequestLog(traceIds.next(), clock.instant(), ctx.method().name(), ctx.path(),
                compact ? "/responses/compact" : "/responses");
        ctx.header(TRACE_HEADER, log.traceId);
        recorder.trace(log.traceId, "REQUEST_START", Map.of("method", log.method, "path", log.path));
        GatewaySettings config = GatewaySettings.from(settings.get());
        KeyAuthenticator.KeyVerdict verdict = keys.authenticate(ApiKeyExtractor.extract(ctx));
        if (verdict instanceof KeyAuthenticator.KeyVerdict.Rejected rejected) {
            refuse(ctx, log, rejected.status(), rejected.code(), rejected.message());
            return;
        }
        PlatformKey key = ((KeyAuthenticator.KeyVerdict.Allowed) verdict).key();
        log.keyId = key.id();
        log.keyPrefix = key.prefix();
        Optional<JsonObject> body = readBody(ctx, log, config.maxBodyBytes());
        if (body.isEmpty()) {
            return;
        }
        JsonObject request = body.get();
        String clientModel = stringField(request, "model");
        log.clientModel = clientModel;
        String effectiveModel = key.modelSlug() != null && !key.modelSlug().isBlank() ? key.modelSlug()
                : clientModel;
        if (effectiveModel == null || effectiveModel.isBlank()) {
            refuse(ctx, log, 400, "missing_model", "model is required");
            return;
        }
        if (!key.allowedModels().isEmpty() && !key.allowedModels().contains(effectiveModel)) {
            refuse(ctx, log, 403, "model_not_allowed", "this key may not use model " + effectiveModel);
            return;
        }
        log.effectiveModel = effectiveModel;
        Optional<String> effort = Optional.ofNullable(key.reasoningEffort()).filter(e -> !e.isBlank());
        JsonObject upstreamBody = ResponsesRequestNormaliser.normalise(request,
                Optional.of(effectiveModel), effort);
        log.reasoningEffort = reasoningEffort(upstreamBody);
        boolean streams = !compact && request.has("stream") && request.get("stream").isJsonPrimitive()
                && request.get("stream").getAsBoolean();
        if (compact) {
            upstreamBody.remove("stream");
            upstreamBody.remove("store");
            upstreamBody.remove("include");
        }
        Map<String, String> headers = lowerCaseHeaders(ctx);
        GatewayRequest gatewayRequest = new GatewayRequest(log.traceId, log.startedAt, key, log.method, log.path,
                log.adaptedPath, clientModel, effectiveModel, log.reasoningEffort, upstreamBody, headers,
                ConversationKeys.of(request, headers), streams);
        if (streams) {
            serveStream(ctx, log, gatewayRequest, config);
        } else {
            serveWhole(ctx, log, gatewayRequest, config, compact);
        }
    }

    private void serveStream(Context ctx, RequestLog log, GatewayRequest request, GatewaySettings config) {
        ExecutionResult result = executor.execute(request, config, new ResponsesSseStream(ctx.res()));
        if (result instanceof ExecutionResult.Refused refused) {
            refuse(ctx, log, refused);
            return;
        }
        ExecutionResult.Served served = (ExecutionResult.Served) result;
        log.served(served, served.clientGone() ? 499 : 200);
        finish(log);
    }

    private void serveWhole(Context ctx, RequestLog log, GatewayRequest request, GatewaySettings config,
            boolean compact) {
        ClientStream sink = compact ? new UnaryCapture() : new ResponsesAggregator();
        ExecutionResult result = executor.execute(request, config, sink);
        if (result instanceof ExecutionResult.Refused refused) {
            refuse(ctx, log, refused);
            return;
        }
        ExecutionResult.Served served = (ExecutionResult.Served) result;
        if (sink instanceof UnaryCapture capture) {
            ctx.status(200).contentType("application/json").result(capture.body());
            log.served(served, 200);
            finish(log);
            return;
        }
        ResponsesAggregator aggregator = (ResponsesAggregator) sink;
        JsonObject response = aggregator.response();
        if (response == null) {
            log.served(served, 502);
            String code = aggregator.failureCode() == null ? "upstream_stream_closed" : aggregator.failureCode();
            String message = aggregator.failureMessage() == null ? "the upstream stream ended early"
                    : aggregator.failureMessage();
            log.error(code, message);
            OpenAiErrors.send(ctx, 502, code, message, null);
            finish(log);
            return;
        }
        if (aggregator.failed()) {
            JsonObject error = response.has("error") && response.get("error").isJsonObject()
                    ? response.getAsJsonObject("error") : new JsonObject();
            String code = stringField(error, "code");
            String message = stringField(error, "message");
            int status = "context_length_exceeded".equals(code) || "invalid_prompt".equals(code) ? 400 : 502;
            log.served(served, status);
            log.error(code, message);
            OpenAiErrors.send(ctx, status, code == null ? "response_failed" : code,
                    message == null ? "the response failed" : message, null);
            finish(log);
            return;
        }
        log.served(served, 200);
        ctx.status(200).contentType("application/json").result(Json.write(response));
        finish(log);
    }

    private Optional<JsonObject> readBody(Context ctx, RequestLog log, long maxBytes) {
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            if (ctx.req().getContentLengthLong() > maxBytes) {
                refuse(ctx, log, 413, "request_too_large", "request body exceeds " + maxBytes + " bytes");
                return Optional.empty();
            }
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            refuse(ctx, log, 400, "unreadable_body", "the request body could not be read");
            return Optional.empty();
        }
        if (bytes.length > maxBytes) {
            refuse(ctx, log, 413, "request_too_large", "request body exceeds " + maxBytes + " bytes");
            return Optional.empty();
        }
        try {
            JsonElement parsed = Json.parse(new String(bytes, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                refuse(ctx, log, 400, "invalid_json", "the request body must be a JSON object");
                return Optional.empty();
            }
            return Optional.of(parsed.getAsJsonObject());
        } catch (JsonParseException e) {
            refuse(ctx, log, 400, "invalid_json", "the request body is not valid JSON");
            return Optional.empty();
        }
    }

    private void refuse(Context ctx, RequestLog log, ExecutionResult.Refused refused) {
        log.attempted = refused.attempted();
        log.finalAccount = refused.lastAccountId();
        if (refused.passthroughBody() != null && refused.passthroughBody().trim().startsWith("{")
                && refused.passthroughBody().contains("\"error\"")) {
            log.status = refused.status();
            log.error(refused.code(), refused.message());
            ctx.status(refused.status()).contentType("application/json").result(refused.passthroughBody());
            finish(log);
            return;
        }
        log.status = refused.status();
        log.error(refused.code(), refused.message());
        OpenAiErrors.send(ctx, refused.status(), refused.code(), refused.message(), refused.retryAfter());
        finish(log);
    }

    private void refuse(Context ctx, RequestLog log, int status, String code, String message) {
        log.status = status;
        log.error(code, message);
        OpenAiErrors.send(ctx, status, code, message, null);
        finish(log);
    }

    private void finish(RequestLog log) {
        Instant end = clock.instant();
        RequestRecorder.RequestRecord record = log.toRecord(end);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", record.status());
        if (record.finalAccountId() != null) {
            fields.put("account_id", record.finalAccountId());
        }
        fields.put("elapsed_ms", record.durationMillis());
        if (record.errorCode() != null) {
            fields.put("code", record.errorCode());
        }
        recorder.trace(log.traceId, "REQUEST_FINAL", fields);
        recorder.record(record);
    }

    private static String reasoningEffort(JsonObject body) {
        if (body.has("reasoning") && body.get("reasoning").isJsonObject()) {
            return stringField(body.getAsJsonObject("reasoning"), "effort");
        }
        return null;
    }

    static String stringField(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    static Map<String, String> lowerCaseHeaders(Context ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        ctx.headerMap().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    /** Captures a unary upstream body (the compact endpoint). */
    private static final class UnaryCapture implements ClientStream {
        private String body = "{}";

        @Override
        public void begin() {
        }

        @Override
        public void event(SseEvent event) {
            body = event.data();
        }

        @Override
        public void keepalive() {
        }

        @Override
        public void fail(String code, String message) {
        }

        @Override
        public void end() {
        }

        String body() {
            return body;
        }
    }
}
