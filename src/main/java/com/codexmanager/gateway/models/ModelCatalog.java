package com.codexmanager.gateway.models;

import com.codexmanager.gateway.port.AccountPool;
import com.codexmanager.gateway.port.Credentials;
import com.codexmanager.gateway.port.CredentialsUnavailableException;
import com.codexmanager.gateway.routing.ModelOffers;
import com.codexmanager.gateway.routing.PoolAccount;
import com.codexmanager.gateway.state.ModelCacheRepository;
import com.codexmanager.gateway.upstream.UpstreamClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's model catalogue per plan, served locally first: every plan's list is loaded from the database at
 * startup, fetched from {@code {upstream}/models?client_version=…} with an account of that plan when missing,
 * refreshed in the background and whenever a reply's {@code x-models-etag} differs from the plan's cached one.
 * Routing asks {@link #offers} whether an account's plan offers a model (a plan not fetched yet offers everything,
 * and its fetch is started in the background); aliases resolve against {@link #resolvable}, which stands in the
 * {@link BuiltInModels} for a plan not fetched. A model the upstream refused for a plan ({@link #onRefused}) counts
 * as not offered by it until that plan's catalogue changes. {@code /v1/models} lists the union over the plans of the
 * pool. Thread-safe: the catalogues and the refusals are immutable maps swapped on each change; fetches are
 * single-flight per plan.
 */
public final class ModelCatalog implements ModelOffers {
    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);
    /** Longest wait of a synchronous {@link #refresh()}. */
    private static final Duration FETCH_WAIT = Duration.ofSeconds(30);
    /** How long a model-list request waits for plans not fetched yet. */
    private static final Duration LIST_WAIT = Duration.ofSeconds(10);
    /** After a failed fetch, requests neither wait for nor fetch that plan's list again for this long. */
    private static final Duration FAILURE_MEMORY = Duration.ofMinutes(1);
    private static final Comparator<Model> RANK = Comparator.comparingInt(Model::priority);

    /**
     * One model of a catalogue.
     *
     * @param listed         {@code visibility} is not {@code hide}
     * @param priority       the catalogue's rank, lower first ({@link Integer#MAX_VALUE} when absent)
     * @param supportedInApi callable through the Responses API ({@code supported_in_api})
     */
    public record Model(String slug, String displayName, boolean listed, int priority, boolean supportedInApi) {
        public Model(String slug, String displayName, boolean listed) {
            this(slug, displayName, listed, Integer.MAX_VALUE, true);
        }
    }

    /** One plan's catalogue as fetched. Immutable. */
    public record PlanModels(List<Model> models, Set<String> slugs, String etag) {
        PlanModels(List<Model> models, String etag) {
            this(List.copyOf(models), Set.copyOf(models.stream().map(Model::slug).toList()), etag);
        }
    }

    private final ModelCacheRepository cache;
    private final AccountPool pool;
    private final ModelListClient client;
    private final Supplier<String> upstreamBase;
    private final Supplier<String> originator;
    private final Executor background;
    private final Clock clock;
    private final Map<String, CompletableFuture<Void>> fetching = new ConcurrentHashMap<>();
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();
    private volatile Map<String, PlanModels> plans;
    /** Per plan key, the models the upstream refused for it ("The '…' model is not supported"). */
    private volatile Map<String, Set<String>> refused = Map.of();

    public ModelCatalog(ModelCacheRepository cache, AccountPool pool, UpstreamClient upstream,
            Supplier<String> upstreamBase, Supplier<String> originator, Executor background, Clock clock) {
        this.cache = cache;
        this.pool = pool;
        this.client = new ModelListClient(upstream);
        this.upstreamBase = upstreamBase;
        this.originator = originator;
        this.background = background;
        this.clock = clock;
        Map<String, PlanModels> loaded = new LinkedHashMap<>();
        cache.loadAll().forEach((plan, cached) -> {
            List<Model> models = ModelListClient.parse(cached.body());
            if (!models.isEmpty()) {
                loaded.put(plan, new PlanModels(models, cached.etag()));
            }
        });
        this.plans = Map.copyOf(loaded);
    }

    /** The key a plan is stored under: lower case, {@code ""} when unknown. */
    public static String planKey(String plan) {
        return plan == null ? "" : plan.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether accounts of {@code plan} can use {@code model}. A plan whose catalogue is not known yet offers
     * everything, and its fetch starts in the background. Memory only.
     */
    @Override
    public boolean offers(String plan, String model) {
        String key = planKey(plan);
        if (refused.getOrDefault(key, Set.of()).contains(model)) {
            return false;
        }
        PlanModels known = plans.get(key);
        if (known == null) {
            fetchUnlessFailedRecently(key);
            return true;
        }
        return known.slugs().contains(model);
    }

    /**
     * The catalogue an alias of a request served by {@code plan} resolves against: the plan's live one, else (not
     * fetched, or the fetch failed) the {@link BuiltInModels}, so the alias never takes a target just because nothing
     * is known; either without the models the upstream refused for the plan. Memory only.
     */
    public PlanModels resolvable(String plan) {
        String key = planKey(plan);
        PlanModels known = plans.getOrDefault(key, BuiltInModels.CATALOGUE);
        Set<String> refusedHere = refused.getOrDefault(key, Set.of());
        if (refusedHere.isEmpty()) {
            return known;
        }
        return new PlanModels(known.models().stream().filter(m -> !refusedHere.contains(m.slug())).toList(),
                known.etag());
    }

    /**
     * The upstream refused {@code model} for an account of {@code plan}: the plan no longer offers it (until its
     * catalogue changes), and its catalogue is fetched again, since it is stale or unknown.
     */
    public void onRefused(String plan, String model) {
        String key = planKey(plan);
        synchronized (this) {
            Map<String, Set<String>> next = new HashMap<>(refused);
            Set<String> models = new java.util.HashSet<>(next.getOrDefault(key, Set.of()));
            models.add(model);
            next.put(key, Set.copyOf(models));
            refused = Map.copyOf(next);
        }
        log.info("The upstream refused model '{}' for plan '{}'; it is skipped for that plan until its catalogue "
                + "changes", model, key);
        fetchUnlessFailedRecently(key);
    }

    /** The catalogue of a plan, if fetched. */
    public java.util.Optional<PlanModels> plan(String plan) {
        return java.util.Optional.ofNullable(plans.get(planKey(plan)));
    }

    /** Every fetched plan catalogue, by plan key. */
    public Map<String, PlanModels> plans() {
        return plans;
    }

    /**
     * The models of these plans (keys as {@link #planKey}), best rank first, each slug once; every fetched plan
     * when {@code planKeys} is empty. Plans not fetched yet are fetched first (bounded wait; nothing is fetched
     * again within a minute of a failure); with no plans given and nothing known, every plan of the pool is.
     */
    public List<Model> models(Collection<String> planKeys) {
        if (planKeys.isEmpty() && plans.isEmpty()) {
            refresh();
        } else {
            ensure(planKeys, LIST_WAIT);
        }
        return union(planKeys);
    }

    /** The union of every fetched plan, fetching synchronously first when nothing is known. */
    public List<Model> models() {
        return models(List.of());
    }

    private List<Model> union(Collection<String> planKeys) {
        Map<String, PlanModels> current = plans;
        Collection<String> keys = planKeys.isEmpty() ? current.keySet() : planKeys;
        Map<String, Model> out = new LinkedHashMap<>();
        for (String key : keys) {
            PlanModels plan = current.get(key);
            if (plan != null) {
                plan.models().forEach(m -> out.merge(m.slug(), m, (a, b) -> a.priority() <= b.priority() ? a : b));
            }
        }
        List<Model> sorted = new ArrayList<>(out.values());
        sorted.sort(RANK);
        return sorted;
    }

    /**
     * A reply of an account of {@code plan} carried {@code x-models-etag}: refresh that plan in the background when
     * the tag differs from its cached one.
     */
    public void onEtag(String plan, String etag) {
        PlanModels known = plans.get(planKey(plan));
        if (etag != null && (known == null || !etag.equals(known.etag()))) {
            fetchUnlessFailedRecently(planKey(plan));
        }
    }

    /** Refreshes every plan of the routable accounts in the background. */
    public void refreshAsync() {
        for (String plan : poolPlans()) {
            fetchAsync(plan);
        }
    }

    /** Fetches every plan of the routable accounts now (single-flight per plan); a failure keeps the cached list. */
    public void refresh() {
        await(poolPlans().stream().map(this::fetchAsync).toList(), FETCH_WAIT);
    }

    /**
     * Makes sure these plans' catalogues are known: fetches the unknown ones (single-flight per plan) and waits up to
     * {@code wait} for them. Needed once per plan (the lists are cached in the database), so a request that
     * resolves an alias against a plan seen for the first time waits for one {@code /models} call instead of
     * guessing.
     */
    public void ensure(Collection<String> planKeys, Duration wait) {
        Map<String, PlanModels> current = plans;
        Instant now = clock.instant();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (String plan : planKeys) {
            if (!current.containsKey(plan) && !failedRecently(plan, now)) {
                pending.add(fetchAsync(plan)); // after a recent failure nobody waits or fetches again
            }
        }
        await(pending, wait);
    }

    /**
     * Starts a fetch triggered by traffic, unless the plan's last fetch failed within {@link #FAILURE_MEMORY}: an
     * upstream without {@code /models} (a relay) must not be asked on every request. The periodic refresh always
     * tries.
     */
    private void fetchUnlessFailedRecently(String plan) {
        if (!failedRecently(plan, clock.instant())) {
            fetchAsync(plan);
        }
    }

    private boolean failedRecently(String plan, Instant now) {
        Instant failed = failedAt.get(plan);
        return failed != null && !failed.plus(FAILURE_MEMORY).isBefore(now);
    }

    private static void await(List<CompletableFuture<Void>> pending, Duration wait) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(wait.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("Model list fetch not finished: {}", e.toString());
        }
    }

    private Set<String> poolPlans() {
        Set<String> out = new LinkedHashSet<>();
        for (PoolAccount account : pool.snapshot().routable(null)) {
            out.add(planKey(account.plan()));
        }
        return out;
    }

    private CompletableFuture<Void> fetchAsync(String plan) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> running = fetching.putIfAbsent(plan, started);
        if (running != null) {
            return running;
        }
        try {
            background.execute(() -> {
                try {
                    fetch(plan);
                } finally {
                    fetching.remove(plan, started);
                    started.complete(null);
                }
            });
        } catch (RuntimeException e) {
            fetching.remove(plan, started);
            started.complete(null);
            log.debug("Model list fetch for plan '{}' not scheduled: {}", plan, e.toString());
        }
        return started;
    }

    private void fetch(String plan) {
        for (PoolAccount account : pool.snapshot().routable(null)) {
            if (planKey(account.plan()).equals(plan) && fetchWith(plan, account.id())) {
                failedAt.remove(plan);
                return;
            }
        }
        failedAt.put(plan, clock.instant());
    }

    private boolean fetchWith(String plan, String accountId) {
        Credentials credentials;
        try {
            credentials = pool.credentials(accountId);
        } catch (CredentialsUnavailableException e) {
            return false;
        }
        Optional<ModelListClient.Fetched> fetched = client.fetch(upstreamBase.get(), originator.get(), credentials);
        if (fetched.isEmpty()) {
            return false;
        }
        ModelListClient.Fetched list = fetched.get();
        synchronized (this) {
            Map<String, PlanModels> next = new HashMap<>(plans);
            PlanModels previous = next.put(plan, new PlanModels(list.models(), list.etag()));
            plans = Map.copyOf(next);
            if (previous == null || !java.util.Objects.equals(previous.etag(), list.etag())) {
                Map<String, Set<String>> stillRefused = new HashMap<>(refused);
                stillRefused.remove(plan);
                refused = Map.copyOf(stillRefused);
            }
        }
        cache.save(plan, new ModelCacheRepository.Cached(list.etag(), list.body(), clock.instant()));
        log.debug("Model list of plan '{}' fetched with account {}: {} models", plan, accountId,
                list.models().size());
        return true;
    }
}
