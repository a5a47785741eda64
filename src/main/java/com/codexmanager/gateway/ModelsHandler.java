package com.codexmanager.gateway;

import com.codexmanager.gateway.models.ModelCatalog;
import com.codexmanager.gateway.port.KeyAuthenticator;
import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.anthropic.AnthropicErrors;
import com.codexmanager.gateway.protocol.ErrorRenderer;
import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.gateway.protocol.OpenAiErrorRenderer;
import com.codexmanager.json.Json;
import io.javalin.http.Context;
import com.codexmanager.gateway.routing.PoolSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}} in the OpenAI shape, or in the Anthropic shape
 * ({@code {data:[{type,id,display_name,created_at}],has_more,first_id,last_id}}) when the request carries
 * {@code anthropic-version}. The list is the union of what the routable accounts of the key's group offer (their
 * plans' catalogues, best rank first), then the aliases a client can send ({@code *opus*} lists as {@code opus},
 * owned by {@code codexmanager}); filtered by the key's allowed models (a key bound to one model lists only that
 * model, a key with allowed models lists no aliases). Thread-safe.
 */
final class ModelsHandler {
    /** The catalogue has no creation dates; Anthropic clients need an RFC 3339 value. */
    private static final String EPOCH = "1970-01-01T00:00:00Z";

    private static final String ALIAS_OWNER = "codexmanager";

    /** One listed model or alias. */
    private record Listed(String id, String displayName, String ownedBy) {
    }

    private final KeyAuthenticator keys;
    private final ModelCatalog catalog;
    private final Supplier<PoolSnapshot> pool;
    private final GatewayConfig config;

    ModelsHandler(KeyAuthenticator keys, ModelCatalog catalog, Supplier<PoolSnapshot> pool, GatewayConfig config) {
        this.keys = keys;
        this.catalog = catalog;
        this.pool = pool;
        this.config = config;
    }

    void list(Context ctx) {
        PlatformKey key = authenticate(ctx);
        if (key == null) {
            return;
        }
        List<Map<String, Object>> data = new ArrayList<>();
        boolean anthropic = anthropic(ctx);
        for (Listed model : visible(key)) {
            data.add(anthropic ? anthropicEntry(model) : entry(model));
        }
        if (anthropic) {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("data", data);
            page.put("has_more", false);
            page.put("first_id", data.isEmpty() ? null : data.get(0).get("id"));
            page.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id"));
            ctx.contentType("application/json").result(Json.write(page));
            return;
        }
        ctx.contentType("application/json").result(Json.write(Map.of("object", "list", "data", data)));
    }

    void one(Context ctx) {
        PlatformKey key = authenticate(ctx);
        if (key == null) {
            return;
        }
        String id = ctx.pathParam("id");
        var known = visible(key).stream().filter(m -> m.id().equals(id)).findFirst();
        if (known.isEmpty()) {
            errors(ctx).render(ctx, GatewayError.of(404, "model_not_found", "the model " + id
                    + " does not exist or is not available to this key"));
            return;
        }
        ctx.contentType("application/json").result(Json.write(anthropic(ctx) ? anthropicEntry(known.get())
                : entry(known.get())));
    }

    private List<Listed> visible(PlatformKey key) {
        List<Listed> out = new ArrayList<>();
        if (key.modelSlug() != null && !key.modelSlug().isBlank()) {
            out.add(new Listed(key.modelSlug(), key.modelSlug(), "openai"));
            return out;
        }
        List<String> plans = new ArrayList<>();
        pool.get().plans(key.accountGroup()).forEach(p -> plans.add(ModelCatalog.planKey(p)));
        Set<String> ids = new HashSet<>();
        for (ModelCatalog.Model model : catalog.models(plans)) {
            if (model.listed() && (key.allowedModels().isEmpty() || key.allowedModels().contains(model.slug()))
                    && ids.add(model.slug())) {
                out.add(new Listed(model.slug(), model.displayName(), "openai"));
            }
        }
        if (key.allowedModels().isEmpty()) {
            ModelAliases aliases = config.current().aliases();
            for (ModelAliases.Rule rule : aliases.rules()) {
                rule.listedName().filter(ids::add).ifPresent(name -> out.add(new Listed(name,
                        name + " → " + String.join(" | ", rule.targets()), ALIAS_OWNER)));
            }
        }
        return out;
    }

    private PlatformKey authenticate(Context ctx) {
        KeyAuthenticator.KeyVerdict verdict = keys.authenticate(ApiKeyExtractor.extract(ctx));
        if (verdict instanceof KeyAuthenticator.KeyVerdict.Rejected rejected) {
            errors(ctx).render(ctx, GatewayError.of(rejected.status(), rejected.code(), rejected.message()));
            return null;
        }
        return ((KeyAuthenticator.KeyVerdict.Allowed) verdict).key();
    }

    private static boolean anthropic(Context ctx) {
        return ctx.header("anthropic-version") != null;
    }

    private static ErrorRenderer errors(Context ctx) {
        return anthropic(ctx) ? AnthropicErrors.INSTANCE : OpenAiErrorRenderer.INSTANCE;
    }

    private static Map<String, Object> anthropicEntry(Listed model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "model");
        m.put("id", model.id());
        m.put("display_name", model.displayName() == null ? model.id() : model.displayName());
        m.put("created_at", EPOCH);
        return m;
    }

    private static Map<String, Object> entry(Listed model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", model.id());
        m.put("object", "model");
        m.put("created", 0);
        m.put("owned_by", model.ownedBy());
        return m;
    }
}
