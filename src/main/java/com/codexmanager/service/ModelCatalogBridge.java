package com.codexmanager.service;

import com.codexmanager.apikey.ModelCatalog;
import com.codexmanager.gateway.models.BuiltInModels;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets the platform-keys feature list the gateway's live model catalogue, which is built after it (the gateway
 * needs the keys first). Until the gateway is bound, and whenever its catalogue is empty, the built-in list
 * ({@link BuiltInModels}) answers. Thread-safe.
 */
final class ModelCatalogBridge implements ModelCatalog {
    private static final List<ModelInfo> BUILT_IN = BuiltInModels.MODELS.stream()
            .map(m -> new ModelInfo(m.slug(), m.displayName())).toList();
    private final AtomicReference<com.codexmanager.gateway.models.ModelCatalog> gateway = new AtomicReference<>();

    void bind(com.codexmanager.gateway.models.ModelCatalog catalog) {
        gateway.set(catalog);
    }

    @Override
    public List<ModelInfo> models() {
        var live = gateway.get();
        if (live != null) {
            List<ModelInfo> models = live.models().stream().filter(com.codexmanager.gateway.models.ModelCatalog.Model::listed)
                    .map(m -> new ModelInfo(m.slug(), m.displayName())).toList();
            if (!models.isEmpty()) {
                return models;
            }
        }
        return BUILT_IN;
    }
}
