package com.codexmanager.gateway;

import com.codexmanager.gateway.models.ModelCatalog;
import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.routing.CandidateSelector;
import com.codexmanager.gateway.routing.PoolAccount;
import com.codexmanager.gateway.routing.PoolSnapshot;
import com.codexmanager.gateway.routing.RouteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides the upstream model of a request against what the accounts that could serve it offer (their plans' live
 * catalogues). In order: the key's model binding; an alias rule's targets, the first one an account able to serve
 * offers — the account heading the request (pinned, or the conversation's) is asked first, so a switch or a
 * conversation keeps its account; when no target is offered, the best-ranked model of those accounts' catalogues for
 * the rule's tier, never a name no account has; a name no rule matches passes through unchanged (accounts whose
 * plan lacks it are skipped by the selector). Answers from memory — the catalogues, the pool snapshot and the
 * cooldowns — except the first time a request meets a plan whose catalogue was never fetched: it waits for that
 * one {@code /models} call (at most {@link #FIRST_FETCH_WAIT}; not again within a minute of a failed fetch), so
 * routing never guesses what a plan offers. Thread-safe.
 */
final class ModelResolver {
    /**
     * The model a request goes upstream with.
     *
     * @param source {@code key} (binding), {@code alias}, {@code alias_fallback} (tier fallback) or
     *               {@code request} (passed through)
     */
    record Resolution(String model, String source) {
    }

    /** How long a request waits for a plan's first catalogue before resolving without it. */
    private static final Duration FIRST_FETCH_WAIT = Duration.ofSeconds(10);

    private final Supplier<PoolSnapshot> pool;
    private final CandidateSelector selector;
    private final ModelCatalog catalog;

    ModelResolver(Supplier<PoolSnapshot> pool, CandidateSelector selector, ModelCatalog catalog) {
        this.pool = pool;
        this.selector = selector;
        this.catalog = catalog;
    }

    /**
     * @param route the request's routing facts (its model is ignored)
     * @return empty when neither the key nor the request names a model
     */
    Optional<Resolution> resolve(PlatformKey key, String clientModel, ModelAliases aliases, RouteRequest route) {
        if (hasText(key.modelSlug())) {
            return Optional.of(new Resolution(key.modelSlug(), "key"));
        }
        if (!hasText(clientModel)) {
            return Optional.empty();
        }
        List<String> groupPlans = new ArrayList<>();
        pool.get().plans(route.accountGroup()).forEach(plan -> groupPlans.add(ModelCatalog.planKey(plan)));
        catalog.ensure(groupPlans, FIRST_FETCH_WAIT);
        Optional<ModelAliases.Rule> matched = aliases.match(clientModel);
        if (matched.isEmpty()) {
            return Optional.of(new Resolution(clientModel, "request"));
        }
        ModelAliases.Rule rule = matched.get();
        ModelAliases.Tier tier = rule.tier(clientModel);
        Optional<PoolAccount> head = selector.head(route);
        if (head.isPresent()) {
            String plan = head.get().plan();
            for (String target : rule.targets()) {
                if (catalog.offers(plan, target)) {
                    return Optional.of(new Resolution(target, "alias"));
                }
            }
            Optional<String> best = best(tier, Set.of(ModelCatalog.planKey(plan)));
            if (best.isPresent()) {
                return Optional.of(new Resolution(best.get(), "alias_fallback"));
            }
        }
        for (String target : rule.targets()) {
            if (selector.canServe(route.accountGroup(), target)) {
                return Optional.of(new Resolution(target, "alias"));
            }
        }
        List<String> plans = new ArrayList<>();
        selector.servablePlans(route.accountGroup()).forEach(p -> plans.add(ModelCatalog.planKey(p)));
        return Optional.of(best(tier, plans).map(model -> new Resolution(model, "alias_fallback"))
                .orElseGet(() -> new Resolution(rule.targets().get(0), "alias")));
    }

    /**
     * The best model of the tier in these plans' catalogues (only plans whose catalogue is known): for
     * {@link ModelAliases.Tier#TOP} the best-ranked listed API model that is not a small one, for
     * {@link ModelAliases.Tier#SMALL} the best-ranked small one (mini, nano, haiku), else the last-ranked model.
     */
    private Optional<String> best(ModelAliases.Tier tier, Collection<String> planKeys) {
        List<ModelCatalog.Model> ranked = new ArrayList<>();
        for (String plan : planKeys) {
            Optional<ModelCatalog.PlanModels> known = catalog.plan(plan);
            if (known.isEmpty()) {
                continue;
            }
            for (ModelCatalog.Model model : known.get().models()) {
                if (model.listed() && model.supportedInApi()
                        && ranked.stream().noneMatch(m -> m.slug().equals(model.slug()))) {
                    ranked.add(model);
                }
            }
        }
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        ranked.sort(java.util.Comparator.comparingInt(ModelCatalog.Model::priority));
        List<ModelCatalog.Model> small = ranked.stream()
                .filter(m -> ModelAliases.Tier.of(m.slug()) == ModelAliases.Tier.SMALL).toList();
        List<ModelCatalog.Model> general = ranked.stream()
                .filter(m -> ModelAliases.Tier.of(m.slug()) == ModelAliases.Tier.TOP).toList();
        return Optional.of(switch (tier) {
            case TOP -> general.isEmpty() ? ranked.get(0).slug() : general.get(0).slug();
            case SMALL -> small.isEmpty() ? ranked.get(ranked.size() - 1).slug() : small.get(0).slug();
        });
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
