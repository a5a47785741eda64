package com.codexmanager.gateway;

import com.codexmanager.config.Setting;
import com.codexmanager.gateway.limits.KeyLimiter;
import com.codexmanager.gateway.port.KeyAuthenticator;
import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.AdapterException;
import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.gateway.protocol.JsonFields;
import com.codexmanager.gateway.protocol.ProtocolAdapter;
import com.codexmanager.gateway.protocol.ResponsesRequestNormaliser;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The steps every request takes before it is answered, whatever carried it (an HTTP request or a WebSocket
 * {@code response.create} frame): key auth, the key's limits ({@link KeyLimiter}: 429 {@code key_limit_exceeded}
 * with Retry-After before any upstream call), body, protocol mapping (through a {@link ProtocolAdapter}), model
 * resolution ({@link ModelResolver}: key binding, then {@code CLAUDE_MODEL_MAP} aliases against the pool's live
 * catalogues), key policy and normalisation toward the backend. Writes nothing to the client; the
 * {@link Admission} says where the request goes. Thread-safe.
 */
final class RequestSteps {
    static final String AZURE_PROTOCOL = "azure_openai";
    /** The code (OpenAI shape) and type (Anthropic shape) of a refusal by a key's own limit. */
    static final String KEY_LIMIT_EXCEEDED = "key_limit_exceeded";

    /** The request body as a JSON object; reading it may fail with a protocol-shaped {@link AdapterException}. */
    @FunctionalInterface
    interface BodySource {
        JsonObject read(long maxBytes);
    }

    private final KeyAuthenticator keys;
    private final KeyLimiter limits;
    private final ModelResolver models;
    private final GatewayExecutor executor;
    private final RequestRecorder recorder;

    RequestSteps(KeyAuthenticator keys, KeyLimiter limits, ModelResolver models, GatewayExecutor executor,
            RequestRecorder recorder) {
        this.keys = keys;
        this.limits = limits;
        this.models = models;
        this.executor = executor;
        this.recorder = recorder;
    }

    /**
     * @param presentedKey the platform key the client sent, or {@code null}
     * @param headers      request headers, names lower-cased
     * @param pathModel    the model named by the path (Azure deployment routes), or {@code null}
     */
    Admission admit(RequestFacts facts, String presentedKey, Map<String, String> headers, BodySource source,
            ProtocolAdapter adapter, String pathModel, GatewayConfig.View view) {
        KeyAuthenticator.KeyVerdict verdict = keys.authenticate(presentedKey);
        if (verdict instanceof KeyAuthenticator.KeyVerdict.Rejected rejected) {
            return refuse(facts, rejected.status(), rejected.code(), rejected.message());
        }
        PlatformKey key = ((KeyAuthenticator.KeyVerdict.Allowed) verdict).key();
        facts = facts.withKey(key);
        Optional<KeyLimiter.Refusal> limited = limits.admit(key, facts.startedAt());
        if (limited.isPresent()) {
            return new Admission.Refused(facts, new GatewayError(429, KEY_LIMIT_EXCEEDED, limited.get().message(),
                    limited.get().retryAfter(), null));
        }
        JsonObject body;
        AdaptedRequest adapted;
        try {
            body = source.read(view.settings().maxBodyBytes());
            if (view.source().integer(Setting.TRACE_BODY_PREVIEW_MAX_BYTES) > 0) {
                // Opt-in debugging aid: the trace writer keeps a bounded, redacted prefix of this copy.
                recorder.trace(facts.traceId(), TraceStep.REQUEST_BODY, Map.of("body", body.toString()));
            }
            if (hasText(pathModel)) {
                body.addProperty("model", pathModel);
            }
            adapted = adapter.adapt(body, headers);
        } catch (AdapterException e) {
            return refuse(facts, e.status(), e.code(), e.getMessage());
        }
        String clientModel = JsonFields.string(adapted.body(), "model");
        facts = facts.withClientModel(clientModel);
        String effectiveModel = effectiveModel(key, clientModel, view, ConversationKeys.of(adapted.body(), headers));
        if (!hasText(effectiveModel)) {
            return refuse(facts, 400, "missing_model", "model is required");
        }
        if (!key.allowedModels().isEmpty() && !key.allowedModels().contains(effectiveModel)) {
            return refuse(facts, 403, "model_not_allowed", "this key may not use model " + effectiveModel);
        }
        if (AZURE_PROTOCOL.equals(key.protocolType())) {
            return new Admission.ToAzure(facts.withEffectiveModel(effectiveModel, null), key, body, adapted,
                    effectiveModel);
        }
        JsonObject upstreamBody = upstreamBody(adapter, adapted, key, effectiveModel);
        String effort = JsonFields.string(JsonFields.object(upstreamBody, "reasoning"), "effort");
        facts = facts.withEffectiveModel(effectiveModel, effort);
        GatewayRequest request = new GatewayRequest(facts.traceId(), facts.startedAt(), key, facts.method(),
                facts.path(), adapter.upstreamPath(), clientModel, effectiveModel, effort, upstreamBody,
                upstreamBody.toString().getBytes(StandardCharsets.UTF_8), headers,
                ConversationKeys.of(upstreamBody, headers), adapted.streams());
        return new Admission.ToPool(facts, request, adapted);
    }

    /**
     * The model the request goes upstream with: an azure_openai key's own endpoint knows no pool catalogue, so its
     * aliases take their first target; pool requests are resolved by {@link ModelResolver}.
     */
    private String effectiveModel(PlatformKey key, String clientModel, GatewayConfig.View view, String conversation) {
        if (AZURE_PROTOCOL.equals(key.protocolType())) {
            return hasText(key.modelSlug()) ? key.modelSlug() : view.aliases().resolve(clientModel);
        }
        return models.resolve(key, clientModel, view.aliases(), executor.route(key, null, conversation,
                view.settings())).map(ModelResolver.Resolution::model).orElse(null);
    }

    private static JsonObject upstreamBody(ProtocolAdapter adapter, AdaptedRequest adapted, PlatformKey key,
            String effectiveModel) {
        Optional<String> effort = Optional.ofNullable(key.reasoningEffort()).filter(RequestSteps::hasText);
        JsonObject body = ResponsesRequestNormaliser.normalise(adapted.body(), Optional.of(effectiveModel), effort);
        if (adapter.upstreamPath().endsWith("/compact")) {
            body.remove("stream");
            body.remove("store");
            body.remove("include");
        }
        return body;
    }

    private static Admission refuse(RequestFacts facts, int status, String code, String message) {
        return new Admission.Refused(facts, GatewayError.of(status, code, message));
    }

    static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
