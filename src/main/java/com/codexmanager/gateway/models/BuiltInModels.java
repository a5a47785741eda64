package com.codexmanager.gateway.models;

import java.util.List;

/**
 * The Codex models this build knows, best first: the stand-in for a plan's catalogue while the live one is unknown
 * (its {@code /models} fetch failed or has not finished), and the list shown before any catalogue was fetched. Its
 * top general model ({@code gpt-5.5}) and its small one ({@code gpt-5.4-mini}) were offered on every plan, free
 * included, when it was written (codex-protocol.md §4.3), so an alias resolved against it does not pick a newer
 * target that only some plans offer; a model the upstream refuses anyway is skipped by the gateway. Immutable.
 */
public final class BuiltInModels {
    /** In rank order; {@link ModelCatalog.Model#priority()} is the position. */
    public static final List<ModelCatalog.Model> MODELS = ranked(
            "gpt-5.5", "GPT-5.5",
            "gpt-5.4", "GPT-5.4",
            "gpt-5.4-mini", "GPT-5.4 mini",
            "gpt-5.3-codex", "GPT-5.3 Codex",
            "gpt-5.3-codex-spark", "GPT-5.3 Codex Spark",
            "gpt-5.2", "GPT-5.2",
            "gpt-5.2-codex", "GPT-5.2 Codex");

    /** {@link #MODELS} as a catalogue without an ETag. */
    public static final ModelCatalog.PlanModels CATALOGUE = new ModelCatalog.PlanModels(MODELS, null);

    private BuiltInModels() {
    }

    private static List<ModelCatalog.Model> ranked(String... slugsAndNames) {
        List<ModelCatalog.Model> out = new java.util.ArrayList<>();
        for (int i = 0; i < slugsAndNames.length; i += 2) {
            out.add(new ModelCatalog.Model(slugsAndNames[i], slugsAndNames[i + 1], true, i / 2 + 1, true));
        }
        return List.copyOf(out);
    }
}
