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
import com.codexmanager.gateway.protocol.ResponsesAdapter;
import com.codexmanager.gateway.protocol.ResponsesBody;
import com.codexmanager.gateway.protocol.ResponsesRequestNormaliser;
import com.codexmanager.json.JsonTreeWriter;
import com.google.gson.JsonObject;
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

    /** The request body; reading it may fail with a protocol-shaped {@link AdapterException}. */
    @FunctionalInterface
    interface BodySource {
        /** The body as a JSON object. */
        JsonObject read(long maxBytes);

        /** The body's bytes as sent (decoded from any Content-Encoding), or {@code null} when only a tree exists. */
        default byte[] bytes(long maxBytes) {
            return null;
        }
    }

    /** What the body says once read: as a tree, or (Responses passthrough) as bytes with only routing fields read. */
    private record ClientBody(JsonObject tree, ResponsesBody raw, AdaptedRequest adapted, String model,
            String conversation) {
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
     * Admits an HTTP request: its conversation is the one its body or headers name, if any.
     *
     * @param presentedKey the platform key the client sent, or {@code null}
     * @param headers      request headers, names lower-cased
     * @param pathModel    the model named by the path (Azure deployment routes), or {@code null}
     * @param spendsLimits whether the request counts against the key's limits: a WebSocket warm-up, answered without
     *                     an upstream call and not logged, does not
     */
    Admission admit(RequestFacts facts, String presentedKey, Map<String, String> headers, BodySource source,
            ProtocolAdapter adapter, String pathModel, GatewayConfig.View view, boolean spendsLimits) {
        return admit(facts, presentedKey, headers, null, source, adapter, pathModel, view, spendsLimits);
    }

    /**
     * @param connectionConversation the conversation of the connection that carried the request (a WebSocket's
     *                               own), used when the request names none; {@code null} when there is none
     */
    Admission admit(RequestFacts facts, String presentedKey, Map<String, String> headers,
            String connectionConversation, BodySource source, ProtocolAdapter adapter, String pathModel,
            GatewayConfig.View view, boolean spendsLimits) {
        KeyAuthenticator.KeyVerdict verdict = keys.authenticate(presentedKey);
        if (verdict instanceof KeyAuthenticator.KeyVerdict.Rejected rejected) {
            return refuse(facts, rejected.status(), rejected.code(), rejected.message());
        }
        PlatformKey key = ((KeyAuthenticator.KeyVerdict.Allowed) verdict).key();
        facts = facts.withKey(key);
        Optional<KeyLimiter.Refusal> limited = spendsLimits ? limits.admit(key, facts.startedAt()) : Optional.empty();
        if (limited.isPresent()) {
            return new Admission.Refused(facts, new GatewayError(429, KEY_LIMIT_EXCEEDED, limited.get().message(),
                    limited.get().retryAfter(), null));
        }
        ClientBody body;
        try {
            body = read(facts, headers, source, adapter, pathModel, view, connectionConversation);
        } catch (AdapterException e) {
            return refuse(facts, e.status(), e.code(), e.getMessage());
        }
        facts = facts.withClientModel(body.model());
        Optional<ModelResolver.Resolution> resolution = resolveModel(key, body.model(), view, body.conversation());
        String effectiveModel = resolution.map(ModelResolver.Resolution::model).orElse(null);
        if (!hasText(effectiveModel)) {
            return refuse(facts, 400, "missing_model", "model is required");
        }
        if (!key.allowedModels().isEmpty() && !key.allowedModels().contains(effectiveModel)) {
            return refuse(facts, 403, "model_not_allowed", "this key may not use model " + effectiveModel);
        }
        if (AZURE_PROTOCOL.equals(key.protocolType())) {
            try {
                JsonObject tree = body.tree() != null ? body.tree() : treeOf(body.raw(), pathModel);
                AdaptedRequest adapted = body.tree() != null ? body.adapted() : adapter.adapt(tree, headers);
                return new Admission.ToAzure(facts.withEffectiveModel(effectiveModel, null), key, tree, adapted,
                        effectiveModel);
            } catch (AdapterException e) {
                return refuse(facts, e.status(), e.code(), e.getMessage());
            }
        }
        Optional<String> keyEffort = Optional.ofNullable(key.reasoningEffort()).filter(RequestSteps::hasText);
        boolean compact = adapter.upstreamPath().endsWith("/compact");
        JsonObject upstreamTree = null;
        byte[] upstreamBytes;
        String effort;
        if (body.raw() != null) {
            ResponsesBody.Upstream upstream = body.raw().toUpstream(effectiveModel, keyEffort, compact);
            upstreamBytes = upstream.bytes();
            effort = upstream.reasoningEffort();
        } else {
            upstreamTree = upstreamTree(body.adapted(), keyEffort, effectiveModel, compact);
            upstreamBytes = JsonTreeWriter.utf8(upstreamTree);
            effort = JsonFields.string(JsonFields.object(upstreamTree, "reasoning"), "effort");
        }
        facts = facts.withEffectiveModel(effectiveModel, effort);
        GatewayRequest request = new GatewayRequest(facts.traceId(), facts.startedAt(), key, facts.method(),
                facts.path(), adapter.upstreamPath(), body.model(), effectiveModel, effort, upstreamTree,
                upstreamBytes, headers, body.conversation(), body.adapted().streams(),
                resolution.get().alternatives());
        return new Admission.ToPool(facts, request, body.adapted());
    }

    /**
     * Reads the body: a Responses passthrough keeps the bytes and reads only what routing needs; other protocols
     * (and WebSocket turns, which arrive as trees) are mapped through the adapter.
     */
    private ClientBody read(RequestFacts facts, Map<String, String> headers, BodySource source,
            ProtocolAdapter adapter, String pathModel, GatewayConfig.View view, String connectionConversation) {
        long maxBytes = view.settings().maxBodyBytes();
        boolean traced = view.source().integer(Setting.TRACE_BODY_PREVIEW_MAX_BYTES) > 0;
        byte[] bytes = adapter instanceof ResponsesAdapter ? source.bytes(maxBytes) : null;
        if (bytes != null) {
            ResponsesBody raw = ResponsesBody.scan(bytes);
            if (traced) {
                // written as Gson writes it, as before: the trace's redaction patterns expect that spelling
                traceBody(facts, RequestBodies.parse(bytes).toString());
            }
            String model = hasText(pathModel) ? pathModel : raw.model();
            String conversation = raw.promptCacheKey() != null ? raw.promptCacheKey()
                    : ConversationKeys.ofHeaders(headers);
            return new ClientBody(null, raw, ((ResponsesAdapter) adapter).adapt(raw), model,
                    conversation != null ? conversation : connectionConversation);
        }
        JsonObject tree = source.read(maxBytes);
        if (traced) {
            traceBody(facts, tree.toString());
        }
        if (hasText(pathModel)) {
            tree.addProperty("model", pathModel);
        }
        AdaptedRequest adapted = adapter.adapt(tree, headers);
        String conversation = ConversationKeys.of(adapted.body(), headers);
        return new ClientBody(tree, null, adapted, JsonFields.string(adapted.body(), "model"),
                conversation != null ? conversation : connectionConversation);
    }

    private void traceBody(RequestFacts facts, String body) {
        // Opt-in debugging aid: the trace writer keeps a bounded, redacted prefix of this copy.
        recorder.trace(facts.traceId(), TraceStep.REQUEST_BODY, Map.of("body", body));
    }

    private static JsonObject treeOf(ResponsesBody raw, String pathModel) {
        JsonObject tree = RequestBodies.parse(raw.bytes());
        if (hasText(pathModel)) {
            tree.addProperty("model", pathModel);
        }
        return tree;
    }

    /**
     * The model the request goes upstream with: an azure_openai key's own endpoint knows no pool catalogue, so its
     * aliases take their first target; pool requests are resolved by {@link ModelResolver}.
     */
    private Optional<ModelResolver.Resolution> resolveModel(PlatformKey key, String clientModel,
            GatewayConfig.View view, String conversation) {
        if (AZURE_PROTOCOL.equals(key.protocolType())) {
            boolean bound = hasText(key.modelSlug());
            String model = bound ? key.modelSlug() : view.aliases().resolve(clientModel);
            return Optional.ofNullable(model).map(m -> new ModelResolver.Resolution(m, bound ? "key" : "alias"));
        }
        return models.resolve(key, clientModel, view.aliases(), executor.route(key, null, conversation,
                view.settings()));
    }

    private static JsonObject upstreamTree(AdaptedRequest adapted, Optional<String> effort, String effectiveModel,
            boolean compact) {
        JsonObject body = ResponsesRequestNormaliser.normalise(adapted.body(), Optional.of(effectiveModel), effort);
        if (compact) {
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
