package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.models.BuiltInModels;
import com.codexmanager.gateway.models.ModelCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tier fallback of an alias. Regression for issue 14 (audit): haiku is to fall back to the catalogue's smallest
 * model, but the best-ranked small model was taken, so a catalogue with a mini and a nano gave haiku the mini.
 */
class TierChoiceTest {
    private static ModelCatalog.Model model(String slug, int priority) {
        return new ModelCatalog.Model(slug, slug, true, priority, true);
    }

    @Test
    void haiku_takes_the_last_ranked_small_model_as_the_smallest() {
        List<ModelCatalog.Model> catalogue = List.of(model("gpt-6", 1), model("gpt-6-mini", 2),
                model("gpt-6-nano", 3), model("gpt-5.5", 4));

        assertThat(TierChoice.pick(ModelAliases.Tier.SMALL, catalogue)).hasValue("gpt-6-nano");
        assertThat(TierChoice.pick(ModelAliases.Tier.TOP, catalogue)).hasValue("gpt-6");
    }

    @Test
    void the_ranking_decides_not_the_order_of_the_list() {
        List<ModelCatalog.Model> catalogue = List.of(model("gpt-6-nano", 9), model("gpt-6-mini", 3),
                model("gpt-6", 1));

        assertThat(TierChoice.pick(ModelAliases.Tier.SMALL, catalogue)).hasValue("gpt-6-nano");
    }

    @Test
    void without_a_small_model_the_last_ranked_model_is_the_smallest() {
        List<ModelCatalog.Model> catalogue = List.of(model("gpt-7-nova", 1), model("gpt-7-terra", 2),
                model("gpt-7-luna", 3));

        assertThat(TierChoice.pick(ModelAliases.Tier.SMALL, catalogue)).hasValue("gpt-7-luna");
    }

    @Test
    void hidden_models_and_models_outside_the_api_never_take_part() {
        List<ModelCatalog.Model> catalogue = List.of(model("gpt-6", 1), model("gpt-6-mini", 2),
                new ModelCatalog.Model("gpt-6-nano", "nano", false, 3, true),
                new ModelCatalog.Model("gpt-6-codex-mini", "spark", true, 4, false));

        assertThat(TierChoice.pick(ModelAliases.Tier.SMALL, catalogue)).hasValue("gpt-6-mini");
        assertThat(TierChoice.pick(ModelAliases.Tier.TOP, List.of())).isEmpty();
    }

    @Test
    void the_built_in_ranking_gives_the_tiers_a_model_every_plan_had() {
        assertThat(TierChoice.pick(ModelAliases.Tier.TOP, BuiltInModels.MODELS)).hasValue("gpt-5.5");
        assertThat(TierChoice.pick(ModelAliases.Tier.SMALL, BuiltInModels.MODELS)).hasValue("gpt-5.4-mini");
    }
}
