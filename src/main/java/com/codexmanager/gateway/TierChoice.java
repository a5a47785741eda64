package com.codexmanager.gateway;

import com.codexmanager.gateway.models.ModelCatalog;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The model of a catalogue an alias falls back to for its {@link ModelAliases.Tier} when none of its targets is
 * offered. Only listed models callable through the API take part, ranked by the catalogue's {@code priority} (lower
 * first: a catalogue lists its models best first).
 *
 * <ul>
 *   <li>{@link ModelAliases.Tier#TOP}: the best-ranked model that is not small; the best-ranked model when all are.
 *   <li>{@link ModelAliases.Tier#SMALL}: the smallest. A catalogue carries no size, so "smallest" is read from the
 *       ranking: of the small models (names with mini, nano or haiku), the last-ranked one, since within one family
 *       the catalogue ranks the larger, more capable model first ({@code gpt-5.4-mini} before a
 *       {@code gpt-5.4-nano}); without a small model, the last-ranked model of the catalogue.
 * </ul>
 *
 * Stateless.
 */
final class TierChoice {
    private TierChoice() {
    }

    /** The tier's model among {@code models} (any order, duplicates allowed); empty when none is usable. */
    static Optional<String> pick(ModelAliases.Tier tier, List<ModelCatalog.Model> models) {
        List<ModelCatalog.Model> ranked = models.stream().filter(m -> m.listed() && m.supportedInApi())
                .sorted(Comparator.comparingInt(ModelCatalog.Model::priority)).toList();
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        List<ModelCatalog.Model> small = ranked.stream()
                .filter(m -> ModelAliases.Tier.of(m.slug()) == ModelAliases.Tier.SMALL).toList();
        return Optional.of(switch (tier) {
            case TOP -> ranked.stream().filter(m -> !small.contains(m)).findFirst().orElse(ranked.get(0)).slug();
            case SMALL -> last(small.isEmpty() ? ranked : small).slug();
        });
    }

    private static ModelCatalog.Model last(List<ModelCatalog.Model> models) {
        return models.get(models.size() - 1);
    }
}
