package com.codexmanager.gateway;

import com.codexmanager.gateway.models.ModelCatalog;
import com.codexmanager.gateway.port.KeyAuthenticator;
import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.json.Json;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}} in the OpenAI shape, filtered by the key's allowed
 * models (a key bound to one model lists only that model). Thread-safe.
 */
final class ModelsHandler {
    private final KeyAuthenticator keys;
    private final ModelCatalog catalog;

    ModelsHandler(KeyAuthenticator keys, ModelCatalog catalog) {
        this.keys = keys;
        this.catalog = catalog;
    }

    void list(Context ctx) {
        PlatformKey key = authenticate(ctx);
        if (key == null) {
            return;
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (ModelCatalog.Model model : visible(key)) {
            data.add(entry(model.slug()));
        }
        ctx.contentType("application/json").result(Json.write(Map.of("object", "list", "data", data)));
    }

    void one(Context ctx) {
        PlatformKey key = authenticate(ctx);
        if (key == null) {
            return;
        }
        String id = ctx.pathParam("id");
        boolean known = visible(key).stream().anyMatch(m -> m.slug().equals(id));
        if (!known) {
            OpenAiErrors.send(ctx, 404, "model_not_found", "the model " + id + " does not exist or is not "
                    + "available to this key", null);
            return;
        }
        ctx.contentType("application/json").result(Json.write(entry(id)));
    }

    private List<ModelCatalog.Model> visible(PlatformKey key) {
        List<ModelCatalog.Model> out = new ArrayList<>();
        if (key.modelSlug() != null && !key.modelSlug().isBlank()) {
            out.add(new ModelCatalog.Model(key.modelSlug(), key.modelSlug(), true));
            return out;
        }
        for (ModelCatalog.Model model : catalog.models()) {
            if (model.listed() && (key.allowedModels().isEmpty() || key.allowedModels().contains(model.slug()))) {
                out.add(model);
            }
        }
        return out;
    }

    private PlatformKey authenticate(Context ctx) {
        KeyAuthenticator.KeyVerdict verdict = keys.authenticate(ApiKeyExtractor.extract(ctx));
        if (verdict instanceof KeyAuthenticator.KeyVerdict.Rejected rejected) {
            OpenAiErrors.send(ctx, rejected.status(), rejected.code(), rejected.message(), null);
            return null;
        }
        return ((KeyAuthenticator.KeyVerdict.Allowed) verdict).key();
    }

    private static Map<String, Object> entry(String slug) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", slug);
        m.put("object", "model");
        m.put("created", 0);
        m.put("owned_by", "openai");
        return m;
    }
}
