package com.codexmanager.gateway;

import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.gateway.port.KeyAuthenticator;
import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.AdapterException;
import com.codexmanager.gateway.protocol.ErrorRenderer;
import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.gateway.protocol.JsonFields;
import com.codexmanager.gateway.protocol.ProtocolAdapter;
import com.codexmanager.gateway.protocol.ResponsesRequestNormaliser;
import com.codexmanager.json.Json;
import com.google.gson.JsonObject;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The request pipeline every client protocol shares: trace id, key auth, body, protocol mapping (through a
 * {@link ProtocolAdapter}), model resolution (key binding, then {@code CLAUDE_MODEL_MAP} aliases), key policy,
 * normalisation toward the backend, execution through the pool (or an azure_openai key's own endpoint), the answer
 * and exactly one request-log row. Every response carries {@code X-CodexManager-Trace-Id}. Thread-safe.
 */
final class AdapterHandler {
    static final String TRACE_HEADER = "X-CodexManager-Trace-Id";
    static final String AZURE_PROTOCOL = "azure_openai";

    private final KeyAuthenticator keys;
    private final GatewayExecutor executor;
    private final AzureForwarder azure;
    private final RequestRecorder recorder;
    private final Supplier<Settings> settings;
    private final TraceIds traceIds;
    private final Clock clock;

    AdapterHandler(KeyAuthenticator keys, GatewayExecutor executor, AzureForwarder azure, RequestRecorder recorder,
            Supplier<Settings> settings, TraceIds traceIds, Clock clock) {
        this.keys = keys;
        this.executor = executor;
        this.azure = azure;
        this.recorder = recorder;
        this.settings = settings;
        this.traceIds = traceIds;
        this.clock = clock;
    }

    /**
     * @param pathModel the model named by the path (Azure deployment routes), or {@code null}
     */
    void handle(Context ctx, ProtocolAdapter adapter, String pathModel) {
        RequestLog log = new RequestLog(traceIds.next(), clock.instant(), ctx.method().name(), ctx.path(),
                adapter.upstreamPath());
        ctx.header(TRACE_HEADER, log.traceId);
        recorder.trace(log.traceId, "REQUEST_START", Map.of("method", log.method, "path", log.path));
        Settings snapshot = settings.get();
        GatewaySettings config = GatewaySettings.from(snapshot);
        ErrorRenderer errors = adapter.errors();
        KeyAuthenticator.KeyVerdict verdict = keys.authenticate(ApiKeyExtractor.extract(ctx));
        if (verdict instanceof KeyAuthenticator.KeyVerdict.Rejected rejected) {
            refuse(ctx, log, errors, GatewayError.of(rejected.status(), rejected.code(), rejected.message()));
            return;
        }
        PlatformKey key = ((KeyAuthenticator.KeyVerdict.Allowed) verdict).key();
        log.keyId = key.id();
        log.keyPrefix = key.prefix();
        Map<String, String> headers = lowerCaseHeaders(ctx);
        AdaptedRequest adapted;
        JsonObject body;
        try {
            body = RequestBodies.read(ctx, config.maxBodyBytes());
            if (snapshot.integer(Setting.TRACE_BODY_PREVIEW_MAX_BYTES) > 0) {
                // Opt-in debugging aid: the trace writer keeps a bounded, redacted prefix of this copy.
                recorder.trace(log.traceId, "REQUEST_BODY", Map.of("body", Json.write(body)));
            }
            if (pathModel != null && !pathModel.isBlank()) {
                body.addProperty("model", pathModel);
            }
            adapted = adapter.adapt(body, headers);
        } catch (AdapterException e) {
            refuse(ctx, log, errors, GatewayError.of(e.status(), e.code(), e.getMessage()));
            return;
        }
        String clientModel = JsonFields.string(adapted.body(), "model");
        log.clientModel = clientModel;
        String effectiveModel = hasText(key.modelSlug()) ? key.modelSlug()
                : ModelAliases.parse(snapshot.text(Setting.CLAUDE_MODEL_MAP)).resolve(clientModel);
        if (!hasText(effectiveModel)) {
            refuse(ctx, log, errors, GatewayError.of(400, "missing_model", "model is required"));
            return;
        }
        if (!key.allowedModels().isEmpty() && !key.allowedModels().contains(effectiveModel)) {
            refuse(ctx, log, errors, GatewayError.of(403, "model_not_allowed",
                    "this key may not use model " + effectiveModel));
            return;
        }
        log.effectiveModel = effectiveModel;
        if (AZURE_PROTOCOL.equals(key.protocolType())) {
            azure.forward(ctx, log, key, adapter, body, adapted.streams(), effectiveModel);
            finish(log);
            return;
        }
        JsonObject upstreamBody = upstreamBody(adapter, adapted, key, effectiveModel);
        log.reasoningEffort = JsonFields.string(JsonFields.object(upstreamBody, "reasoning"), "effort");
        GatewayRequest request = new GatewayRequest(log.traceId, log.startedAt, key, log.method, log.path,
                adapter.upstreamPath(), clientModel, effectiveModel, log.reasoningEffort, upstreamBody, headers,
                ConversationKeys.of(upstreamBody, headers), adapted.streams());
        Answers answers = new Answers(executor, adapter, adapted, log);
        if (adapted.streams()) {
            answers.stream(ctx, request, config);
        } else {
            answers.whole(ctx, request, config);
        }
        finish(log);
    }

    private static JsonObject upstreamBody(ProtocolAdapter adapter, AdaptedRequest adapted, PlatformKey key,
            String effectiveModel) {
        Optional<String> effort = Optional.ofNullable(key.reasoningEffort()).filter(AdapterHandler::hasText);
        JsonObject body = ResponsesRequestNormaliser.normalise(adapted.body(), Optional.of(effectiveModel), effort);
        if (adapter.upstreamPath().endsWith("/compact")) {
            body.remove("stream");
            body.remove("store");
            body.remove("include");
        }
        return body;
    }

    private void refuse(Context ctx, RequestLog log, ErrorRenderer errors, GatewayError error) {
        log.error(error.code(), error.message());
        log.status = errors.render(ctx, error);
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

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    static Map<String, String> lowerCaseHeaders(Context ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        ctx.headerMap().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }
}
