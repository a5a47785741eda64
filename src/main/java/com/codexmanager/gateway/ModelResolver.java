package com.codexmanager.gateway;

import com.codexmanager.gateway.models.BuiltInModels;
import com.codexmanager.gateway.models.ModelCatalog;
import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.routing.CandidateSelector;
import com.codexmanager.gateway.routing.PoolAccount;
import com.codexmanager.gateway.routing.PoolSnapshot;
import com.codexmanager.gateway.routing.RouteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides the upstream model of a request against what the accounts that could serve it offer (their plans' live
 * catalogues). In order: the key's model binding; an alias rule's targets, the first one an account able to serve
 * offers — the account heading the request (pinned, or the conversation's) is asked first, so a switch or a
 * conversation keeps its account; when no target is offered, the tier's model of those accounts' catalogues
 * ({@link TierChoice}), never a name no account has; a name no rule matches passes through unchanged (accounts whose
 * plan lacks it are skipped by the selector). A plan whose catalogue is unknown (its {@code /models} fetch failed)
 * resolves against the {@link BuiltInModels}, so the tier rule still holds; the resolution also names the
 * alternatives the gateway moves to when the upstream refuses the model anyway. Answers
 * from memory — the catalogues, the pool snapshot and the cooldowns — except the first time a request meets a plan
 * whose catalogue was never fetched: it waits for that one {@code /models} call (at most {@link #FIRST_FETCH_WAIT};
 * not again within a minute of a failed fetch), so routing never guesses what a plan offers. Thread-safe.
 */
final class ModelResolver {
    /**
     * The model a request goes upstream with.
     *
     * @param source       {@code key} (binding), {@code alias}, {@code alias_fallback} (tier fallback) or
     *                     {@code request} (passed through)
     * @param alternatives for an alias, the models to try in order when the upstream refuses {@code model}: the
     *                     rule's other offered targets, then the tier's model; empty otherwise
     */
    record Resolution(String model, String source, List<String> alternatives) {
        Resolution {
            alternatives = List.copyOf(alternatives);
        }

        Resolution(String model, String source) {
            this(model, source, List.of());
        }
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
            Optional<Resolution> forHead = among(rule, tier, Set.of(ModelCatalog.planKey(head.get().plan())));
            if (forHead.isPresent()) {
                return forHead;
            }
        }
        Set<String> plans = new LinkedHashSet<>();
        selector.servablePlans(route.accountGroup()).forEach(p -> plans.add(ModelCatalog.planKey(p)));
        return Optional.of(among(rule, tier, plans)
                .orElseGet(() -> new Resolution(rule.targets().get(0), "alias")));
    }

    /**
     * The rule's first target these plans offer, else the tier's model of their catalogues; with the rest as
     * alternatives. No plan (nobody can serve now): the built-in catalogue. Empty when the catalogues offer nothing.
     */
    private Optional<Resolution> among(ModelAliases.Rule rule, ModelAliases.Tier tier, Collection<String> planKeys) {
        List<ModelCatalog.PlanModels> catalogues = planKeys.isEmpty() ? List.of(BuiltInModels.CATALOGUE)
                : planKeys.stream().map(catalog::resolvable).toList();
        Set<String> choices = new LinkedHashSet<>();
        for (String target : rule.targets()) {
            if (catalogues.stream().anyMatch(c -> c.slugs().contains(target))) {
                choices.add(target);
            }
        }
        boolean targetOffered = !choices.isEmpty();
        TierChoice.pick(tier, catalogues.stream().flatMap(c -> c.models().stream()).toList())
                .ifPresent(choices::add);
        if (choices.isEmpty()) {
            return Optional.empty();
        }
        List<String> ordered = List.copyOf(choices);
        return Optional.of(new Resolution(ordered.get(0), targetOffered ? "alias" : "alias_fallback",
                ordered.subList(1, ordered.size())));
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
