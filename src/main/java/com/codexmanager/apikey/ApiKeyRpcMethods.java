package com.codexmanager.apikey;

import com.codexmanager.rpc.RpcErrorCode;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcParam;
import com.codexmanager.rpc.RpcParams;
import com.codexmanager.rpc.RpcRegistry;
import com.google.gson.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The {@code apikey/*} RPC methods: parse parameters, call {@link KeyService}, map its errors. */
final class ApiKeyRpcMethods {
    private static final String ID_DOC = "the key id (gk_…)";
    private static final List<RpcParam> SPEC_PARAMS = List.of(
            RpcParam.optional("modelSlug", "string", "force this model on every request"),
            RpcParam.optional("reasoningEffort", "string", "low | medium | high | xhigh | follow (default)"),
            RpcParam.optional("allowedModels", "array", "models clients may request; empty = any"),
            RpcParam.optional("accountGroup", "string", "only accounts of this group serve the key"),
            RpcParam.optional("expiresAt", "integer", "expiry, Unix seconds; null = never"),
            RpcParam.optional("upstreamBaseUrl", "string", "azure_openai only: the Azure endpoint (http/https)"),
            RpcParam.optional("azureApiKey", "string", "azure_openai only: the Azure api-key, stored encrypted"),
            RpcParam.optional("limits", "object", "{requestsPerMinute, tokensPerDay}: a number sets a limit, null "
                    + "removes it, an absent field keeps it; limits: null removes both"));

    private final KeyService keys;

    private ApiKeyRpcMethods(KeyService keys) {
        this.keys = keys;
    }

    static void register(RpcRegistry registry, KeyService keys) {
        ApiKeyRpcMethods m = new ApiKeyRpcMethods(keys);
        registry.register(method("apikey/create", "Creates a platform key; the key is returned once, never again.",
                concat(List.of(RpcParam.required("name", "string", "display name, at most 100 characters"),
                        RpcParam.required("protocolType", "string", "openai | anthropic | azure_openai")),
                        SPEC_PARAMS), m::create));
        registry.register(method("apikey/list", "Every platform key without secrets.", List.of(),
                p -> Map.of("items", keys.list())));
        registry.register(method("apikey/update", "Changes a key's settings; a field present with null clears it.",
                concat(List.of(RpcParam.required("id", "string", ID_DOC),
                        RpcParam.optional("name", "string", "display name"),
                        RpcParam.optional("protocolType", "string", "openai | anthropic | azure_openai")),
                        SPEC_PARAMS), m::update));
        registry.register(method("apikey/disable", "Refuses the key from the next request on.", idParam(),
                p -> status(keys, p, false)));
        registry.register(method("apikey/enable", "Accepts the key again.", idParam(), p -> status(keys, p, true)));
        registry.register(method("apikey/delete", "Deletes the key for good.", idParam(), p -> {
            keys.delete(p.nonBlank("id"));
            return Map.of("ok", true);
        }));
        registry.register(method("apikey/models", "Models a key may use; without id, every known model.",
                List.of(RpcParam.optional("id", "string", ID_DOC)),
                p -> Map.of("items", keys.models(p.optionalString("id").orElse(null)))));
        registry.register(method("apikey/usage", "A key's requests, tokens and errors between from and to (from "
                + "the request log); default: today (the service's local day) until now.",
                List.of(RpcParam.required("id", "string", ID_DOC),
                        RpcParam.optional("from", "integer", "start, Unix seconds (inclusive); default local midnight"),
                        RpcParam.optional("to", "integer", "end, Unix seconds (exclusive); default now")), m::usage));
    }

    private Object create(RpcParams p) {
        KeySpec spec = new KeySpec(p.string("name"), protocol(p.string("protocolType")),
                p.optionalString("modelSlug").orElse(null), effort(p), p.optionalStrings("allowedModels")
                .orElse(List.of()), p.optionalString("accountGroup").orElse(null), expiresAt(p), url(p),
                KeyLimitsParam.parse(p, KeyLimits.NONE));
        return keys.create(spec, p.optionalString("azureApiKey").orElse(null));
    }

    private Object usage(RpcParams p) {
        String id = p.nonBlank("id");
        Instant to = p.optionalEpochSeconds("to").orElse(null);
        Instant from = p.optionalEpochSeconds("from").orElse(null);
        if (from != null && to != null && !to.isAfter(from)) {
            throw RpcException.invalidParams("to", "must be after from");
        }
        return keys.usage(id, from, to);
    }

    private Object update(RpcParams p) {
        String id = p.nonBlank("id");
        // Parse everything before taking the service lock, so a bad field fails without side effects.
        String name = p.optionalString("name").orElse(null);
        ProtocolType protocol = p.optionalString("protocolType").map(ApiKeyRpcMethods::protocol).orElse(null);
        String modelSlug = p.optionalString("modelSlug").orElse(null);
        ReasoningEffort effort = effort(p);
        List<String> allowed = p.optionalStrings("allowedModels").orElse(List.of());
        String group = p.optionalString("accountGroup").orElse(null);
        Instant expires = expiresAt(p);
        URI url = url(p);
        KeyLimitsParam.parse(p, KeyLimits.NONE); // fails on a bad field before the lock; applied below
        ApiKeySummary summary = keys.update(id, s -> new KeySpec(
                name != null ? name : s.name(),
                protocol != null ? protocol : s.protocolType(),
                p.present("modelSlug") ? modelSlug : s.modelSlug(),
                p.present("reasoningEffort") ? effort : s.reasoningEffort(),
                p.present("allowedModels") ? allowed : s.allowedModels(),
                p.present("accountGroup") ? group : s.accountGroup(),
                p.present("expiresAt") ? expires : s.expiresAt(),
                p.present("upstreamBaseUrl") ? url : protocol == null || protocol == ProtocolType.AZURE_OPENAI
                        ? s.upstreamBaseUrl() : null,
                KeyLimitsParam.parse(p, s.limits())),
                p.optionalString("azureApiKey").orElse(null));
        return Map.of("ok", true, "item", summary);
    }

    private static Object status(KeyService keys, RpcParams p, boolean enabled) {
        keys.setEnabled(p.nonBlank("id"), enabled);
        return Map.of("ok", true);
    }

    private static ProtocolType protocol(String text) {
        return ProtocolType.parse(text).orElseThrow(
                () -> RpcException.invalidParams("protocolType", "must be openai, anthropic or azure_openai"));
    }

    private static ReasoningEffort effort(RpcParams p) {
        String text = p.optionalString("reasoningEffort").orElse("").trim();
        if (text.isEmpty() || text.equalsIgnoreCase("follow")) {
            return null;
        }
        return ReasoningEffort.parse(text).orElseThrow(() -> RpcException.invalidParams("reasoningEffort",
                "must be low, medium, high, xhigh or follow"));
    }

    private static Instant expiresAt(RpcParams p) {
        return p.optionalEpochSeconds("expiresAt").orElse(null);
    }

    private static URI url(RpcParams p) {
        return p.optionalString("upstreamBaseUrl").map(KeySpec::parseUpstreamUrl).orElse(null);
    }

    private static List<RpcParam> idParam() {
        return List.of(RpcParam.required("id", "string", ID_DOC));
    }

    private static List<RpcParam> concat(List<RpcParam> a, List<RpcParam> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** Wraps a handler so that {@link ApiKeyException}s become protocol errors. */
    private static RpcMethod method(String name, String description, List<RpcParam> params,
            RpcMethod.RpcHandler handler) {
        return new RpcMethod(name, description, params, p -> {
            try {
                return handler.handle(p);
            } catch (ApiKeyException e) {
                throw toRpc(e);
            }
        });
    }

    private static RpcException toRpc(ApiKeyException e) {
        return switch (e.kind()) {
            case INVALID -> {
                JsonObject data = new JsonObject();
                data.addProperty("field", e.field());
                yield new RpcException(RpcErrorCode.INVALID_PARAMS, e.getMessage(), data);
            }
            case NOT_FOUND -> new RpcException(RpcErrorCode.NOT_FOUND, e.getMessage());
            case SECRET_UNAVAILABLE -> new RpcException(RpcErrorCode.SECRET_UNAVAILABLE, e.getMessage());
        };
    }
}
