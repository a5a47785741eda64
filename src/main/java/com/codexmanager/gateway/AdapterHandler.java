package com.codexmanager.gateway;

import com.codexmanager.config.Setting;
import com.codexmanager.gateway.limits.KeyLimiter;
import com.codexmanager.gateway.port.KeyAuthenticator;
import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.AdapterException;
import com.codexmanager.gateway.protocol.ErrorRenderer;
import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.gateway.protocol.JsonFields;
import com.codexmanager.gateway.protocol.ProtocolAdapter;
import com.codexmanager.gateway.protocol.ResponsesRequestNormaliser;
import com.google.gson.JsonObject;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline every client protocol shares: trace id, key auth, the key's limits ({@link KeyLimiter}: 429
 * {@code key_limit_exceeded} with Retry-After before any upstream call), body, protocol mapping (through a
 * {@link ProtocolAdapter}), model resolution ({@link ModelResolver}: key binding, then {@code CLAUDE_MODEL_MAP}
 * aliases against the pool's live catalogues), key policy,
 * normalisation toward the backend, execution through the pool (or an azure_openai key's own endpoint), the answer
 * and exactly one request-log row, built once when the request ends. Whatever happens — including a bug that
 * throws — the client gets a protocol-shaped answer, the in-flight gauge comes back down and the row is written.
 * Every response carries {@code X-CodexManager-Trace-Id}. Thread-safe.
 */
final class AdapterHandler {
    private static final Logger log = LoggerFactory.getLogger(AdapterHandler.class);
    static final String TRACE_HEADER = "X-CodexManager-Trace-Id";
    static final String AZURE_PROTOCOL = "azure_openai";
    /** The code (OpenAI shape) and type (Anthropic shape) of a refusal by a key's own limit. */
    static final String KEY_LIMIT_EXCEEDED = "key_limit_exceeded";

    private final KeyAuthenticator keys;
    private final KeyLimiter limits;
    private final GatewayExecutor executor;
    private final ModelResolver models;
    private final AzureForwarder azure;
    private final RequestRecorder recorder;
    private final GatewayMetrics metrics;
    private final GatewayConfig config;
    private final TraceIds traceIds;
    private final Clock clock;

    AdapterHandler(KeyAuthenticator keys, KeyLimiter limits, GatewayExecutor executor, ModelResolver models,
            AzureForwarder azure, RequestRecorder recorder, GatewayMetrics metrics, GatewayConfig config,
            TraceIds traceIds, Clock clock) {
        this.keys = keys;
        this.limits = limits;
        this.executor = executor;
        this.models = models;
        this.azure = azure;
        this.recorder = recorder;
        this.metrics = metrics;
        this.config = config;
        this.traceIds = traceIds;
        this.clock = clock;
    }

    /**
     * @param pathModel the model named by the path (Azure deployment routes), or {@code null}
     */
    void handle(Context ctx, ProtocolAdapter adapter, String pathModel) {
        RequestFacts facts = RequestFacts.start(traceIds.next(), clock.instant(), ctx.method().name(), ctx.path(),
                adapter.upstreamPath());
        ctx.header(TRACE_HEADER, facts.traceId());
        recorder.trace(facts.traceId(), TraceStep.REQUEST_START, Map.of("method", facts.method(),
                "path", facts.path()));
        metrics.started();
        Pipeline pipeline = new Pipeline(ctx, adapter, facts);
        Ending ending = null;
        try {
            ending = pipeline.run(pathModel);
        } catch (RuntimeException e) {
            log.error("Gateway request {} failed unexpectedly on {} {}", facts.traceId(), facts.method(),
                    facts.path(), e);
            ending = unexpected(ctx, adapter.errors());
        } finally {
            metrics.ended();
            if (ending != null) {
                finish(pipeline.facts, ending);
            }
        }
    }

    /** One request's way through the steps; the facts grow as the steps learn them. Request thread only. */
    private final class Pipeline {
        private final Context ctx;
        private final ProtocolAdapter adapter;
        private RequestFacts facts;

        Pipeline(Context ctx, ProtocolAdapter adapter, RequestFacts facts) {
            this.ctx = ctx;
            this.adapter = adapter;
            this.facts = facts;
        }

        Ending run(String pathModel) {
            GatewayConfig.View view = config.current();
            ErrorRenderer errors = adapter.errors();
            KeyAuthenticator.KeyVerdict verdict = keys.authenticate(ApiKeyExtractor.extract(ctx));
            if (verdict instanceof KeyAuthenticator.KeyVerdict.Rejected rejected) {
                return refuse(errors, GatewayError.of(rejected.status(), rejected.code(), rejected.message()));
            }
            PlatformKey key = ((KeyAuthenticator.KeyVerdict.Allowed) verdict).key();
            facts = facts.withKey(key);
            Optional<KeyLimiter.Refusal> limited = limits.admit(key, facts.startedAt());
            if (limited.isPresent()) {
                return refuse(errors, new GatewayError(429, KEY_LIMIT_EXCEEDED, limited.get().message(),
                        limited.get().retryAfter(), null));
            }
            Map<String, String> headers = lowerCaseHeaders(ctx);
            AdaptedRequest adapted;
            JsonObject body;
            try {
                body = RequestBodies.read(ctx, view.settings().maxBodyBytes());
                if (view.source().integer(Setting.TRACE_BODY_PREVIEW_MAX_BYTES) > 0) {
                    // Opt-in debugging aid: the trace writer keeps a bounded, redacted prefix of this copy.
                    recorder.trace(facts.traceId(), TraceStep.REQUEST_BODY, Map.of("body", body.toString()));
                }
                if (pathModel != null && !pathModel.isBlank()) {
                    body.addProperty("model", pathModel);
                }
                adapted = adapter.adapt(body, headers);
            } catch (AdapterException e) {
                return refuse(errors, GatewayError.of(e.status(), e.code(), e.getMessage()));
            }
            String clientModel = JsonFields.string(adapted.body(), "model");
            facts = facts.withClientModel(clientModel);
            String effectiveModel = effectiveModel(key, clientModel, view, ConversationKeys.of(adapted.body(),
                    headers));
            if (!hasText(effectiveModel)) {
                return refuse(errors, GatewayError.of(400, "missing_model", "model is required"));
            }
            if (!key.allowedModels().isEmpty() && !key.allowedModels().contains(effectiveModel)) {
                return refuse(errors, GatewayError.of(403, "model_not_allowed",
                        "this key may not use model " + effectiveModel));
            }
            if (AZURE_PROTOCOL.equals(key.protocolType())) {
                facts = facts.withEffectiveModel(effectiveModel, null);
                return azure.forward(ctx, facts.traceId(), key, adapter, body, adapted.streams(), effectiveModel);
            }
            JsonObject upstreamBody = upstreamBody(adapted, key, effectiveModel);
            String effort = JsonFields.string(JsonFields.object(upstreamBody, "reasoning"), "effort");
            facts = facts.withEffectiveModel(effectiveModel, effort);
            GatewayRequest request = new GatewayRequest(facts.traceId(), facts.startedAt(), key, facts.method(),
                    facts.path(), adapter.upstreamPath(), clientModel, effectiveModel, effort, upstreamBody,
                    upstreamBody.toString().getBytes(StandardCharsets.UTF_8), headers,
                    ConversationKeys.of(upstreamBody, headers), adapted.streams());
            Answers answers = new Answers(executor, adapter, adapted);
            return adapted.streams() ? answers.stream(ctx, request, view.settings())
                    : answers.whole(ctx, request, view.settings());
        }

        /**
         * The model the request goes upstream with: an azure_openai key's own endpoint knows no pool catalogue, so
         * its aliases take their first target; pool requests are resolved by {@link ModelResolver}.
         */
        private String effectiveModel(PlatformKey key, String clientModel, GatewayConfig.View view,
                String conversation) {
            if (AZURE_PROTOCOL.equals(key.protocolType())) {
                return hasText(key.modelSlug()) ? key.modelSlug() : view.aliases().resolve(clientModel);
            }
            return models.resolve(key, clientModel, view.aliases(), executor.route(key, null, conversation,
                    view.settings())).map(ModelResolver.Resolution::model).orElse(null);
        }

        private JsonObject upstreamBody(AdaptedRequest adapted, PlatformKey key, String effectiveModel) {
            Optional<String> effort = Optional.ofNullable(key.reasoningEffort()).filter(AdapterHandler::hasText);
            JsonObject body = ResponsesRequestNormaliser.normalise(adapted.body(), Optional.of(effectiveModel),
                    effort);
            if (adapter.upstreamPath().endsWith("/compact")) {
                body.remove("stream");
                body.remove("store");
                body.remove("include");
            }
            return body;
        }

        private Ending refuse(ErrorRenderer errors, GatewayError error) {
            int status = errors.render(ctx, error);
            return Ending.refused(status, error.code(), error.message());
        }
    }

    /** A bug reached the top: answer 500 in the client's protocol if nothing was sent yet. */
    private static Ending unexpected(Context ctx, ErrorRenderer errors) {
        String message = "internal error; the gateway log has the details";
        if (!ctx.res().isCommitted()) {
            ctx.res().resetBuffer();
            return Ending.refused(errors.render(ctx, GatewayError.of(500, "internal_error", message)),
                    "internal_error", message);
        }
        return Ending.refused(500, "internal_error", message);
    }

    private void finish(RequestFacts facts, Ending ending) {
        Instant end = clock.instant();
        RequestRecorder.RequestRecord record = record(facts, ending, end);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", record.status());
        if (record.finalAccountId() != null) {
            fields.put("account_id", record.finalAccountId());
        }
        fields.put("elapsed_ms", record.durationMillis());
        if (record.errorCode() != null) {
            fields.put("code", record.errorCode());
        }
        recorder.trace(facts.traceId(), TraceStep.REQUEST_FINAL, fields);
        recorder.record(record);
    }

    static RequestRecorder.RequestRecord record(RequestFacts f, Ending e, Instant end) {
        String initial = e.attempted().isEmpty() ? null : e.attempted().get(0);
        ExecutionResult.Usage usage = e.usage();
        return new RequestRecorder.RequestRecord(f.startedAt(), f.traceId(), f.keyId(), f.keyPrefix(), initial,
                e.finalAccountId(), e.attempted(), f.method(), f.path(), f.adaptedPath(), f.clientModel(),
                f.effectiveModel(), f.reasoningEffort(), e.status(), e.errorCode(), e.errorMessage(),
                Duration.between(f.startedAt(), end).toMillis(), e.firstByteMillis(), usage.inputTokens(),
                usage.cachedInputTokens(), usage.outputTokens(), usage.reasoningTokens());
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
