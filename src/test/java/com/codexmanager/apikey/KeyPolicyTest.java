package com.codexmanager.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPolicyTest {
    private static final KeyPolicy FORCED = new KeyPolicy("gpt-5.4", List.of(), ReasoningEffort.XHIGH);
    private static final KeyPolicy LIMITED = new KeyPolicy(null, List.of("gpt-5.5", "gpt-5.4-mini"), null);

    @Test
    void a_forced_model_wins_whatever_the_client_asks() {
        assertThat(FORCED.resolveModel("gpt-5.5")).isEqualTo(
                new KeyPolicy.ModelAllowed("gpt-5.4", KeyPolicy.Source.KEY_OVERRIDE));
        assertThat(FORCED.resolveModel(null)).isEqualTo(
                new KeyPolicy.ModelAllowed("gpt-5.4", KeyPolicy.Source.KEY_OVERRIDE));
    }

    @Test
    void an_allow_list_refuses_other_models_with_a_403_naming_them() {
        assertThat(LIMITED.resolveModel(" GPT-5.5 ")).isEqualTo(
                new KeyPolicy.ModelAllowed("GPT-5.5", KeyPolicy.Source.CLIENT));
        assertThat(LIMITED.resolveModel("gpt-5.4")).isInstanceOfSatisfying(KeyPolicy.ModelRejected.class, r -> {
            assertThat(r.httpStatus()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("model_not_allowed");
            assertThat(r.message()).contains("gpt-5.4").contains("gpt-5.5, gpt-5.4-mini");
        });
    }

    @Test
    void an_open_key_passes_any_model_but_requires_one() {
        assertThat(KeyPolicy.OPEN.resolveModel("anything")).isInstanceOf(KeyPolicy.ModelAllowed.class);
        assertThat(KeyPolicy.OPEN.resolveModel(" ")).isInstanceOfSatisfying(KeyPolicy.ModelRejected.class,
                r -> assertThat(r.httpStatus()).isEqualTo(400));
    }

    @Test
    void reasoning_effort_is_overridden_or_followed() {
        assertThat(FORCED.resolveReasoning("low")).isEqualTo(
                new KeyPolicy.ReasoningResolution("xhigh", KeyPolicy.Source.KEY_OVERRIDE));
        assertThat(LIMITED.resolveReasoning("low")).isEqualTo(
                new KeyPolicy.ReasoningResolution("low", KeyPolicy.Source.CLIENT));
        assertThat(LIMITED.resolveReasoning(null).effort()).isNull();
    }

    @Test
    void permitted_models_use_catalogue_names_where_known() {
        ModelCatalog catalog = () -> List.of(new ModelCatalog.ModelInfo("gpt-5.5", "GPT-5.5"),
                new ModelCatalog.ModelInfo("gpt-5.4", "GPT-5.4"));

        assertThat(FORCED.permittedModels(catalog)).containsExactly(new ModelCatalog.ModelInfo("gpt-5.4", "GPT-5.4"));
        assertThat(new KeyPolicy(null, List.of("custom-x"), null).permittedModels(catalog))
                .containsExactly(new ModelCatalog.ModelInfo("custom-x", "custom-x"));
        assertThat(KeyPolicy.OPEN.permittedModels(catalog)).isEqualTo(catalog.models());
    }
}
