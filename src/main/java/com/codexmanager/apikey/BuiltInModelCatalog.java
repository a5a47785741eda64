package com.codexmanager.apikey;

import java.util.List;

/**
 * A fixed list of Codex models, used until the gateway supplies the live catalogue. Immutable, thread-safe.
 */
public final class BuiltInModelCatalog implements ModelCatalog {
    private static final List<ModelInfo> MODELS = List.of(
            new ModelInfo("gpt-5.5", "GPT-5.5"),
            new ModelInfo("gpt-5.4", "GPT-5.4"),
            new ModelInfo("gpt-5.4-mini", "GPT-5.4 mini"),
            new ModelInfo("gpt-5.3-codex", "GPT-5.3 Codex"),
            new ModelInfo("gpt-5.3-codex-spark", "GPT-5.3 Codex Spark"),
            new ModelInfo("gpt-5.2", "GPT-5.2"),
            new ModelInfo("gpt-5.2-codex", "GPT-5.2 Codex"));

    @Override
    public List<ModelInfo> models() {
        return MODELS;
    }
}
