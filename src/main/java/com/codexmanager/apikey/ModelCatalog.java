package com.codexmanager.apikey;

import java.util.List;

/**
 * The models the gateway can serve. The gateway will implement this from the upstream {@code /models} answer;
 * until then {@link BuiltInModelCatalog} lists the known Codex models. Implementations are thread-safe and never
 * return {@code null}.
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
