package com.codexmanager.apikey;

import java.util.List;

/**
 * The models the gateway can serve: its live catalogue, or a built-in list of the known Codex models before one is
 * fetched (the service wires this in). Implementations are thread-safe and never return {@code null}.
 */
public interface ModelCatalog {
    /** The models currently known, in display order. */
    List<ModelInfo> models();

    /** One model: its slug (what requests send as {@code model}) and a human name. */
    record ModelInfo(String slug, String displayName) {
        public ModelInfo {
            if (slug.isBlank()) {
                throw new IllegalArgumentException("slug must not be blank");
            }
        }
    }
}
