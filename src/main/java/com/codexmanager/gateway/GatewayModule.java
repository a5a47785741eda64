package com.codexmanager.gateway;

import com.codexmanager.concurrent.Executors2;
import com.codexmanager.config.Setting;
import com.codexmanager.gateway.limits.KeyLimiter;
import com.codexmanager.gateway.limits.KeyUsageRecorder;
import com.codexmanager.gateway.models.ModelCatalog;
import com.codexmanager.gateway.port.AccountPool;
import com.codexmanager.gateway.port.KeyAuthenticator;
import com.codexmanager.gateway.port.KeyTokenHistory;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.UsageObserver;
import com.codexmanager.gateway.routing.AffinityMap;
import com.codexmanager.gateway.routing.CandidateSelector;
import com.codexmanager.gateway.routing.Cooldowns;
import com.codexmanager.gateway.routing.InflightTracker;
import com.codexmanager.gateway.state.AffinityRepository;
import com.codexmanager.gateway.state.CooldownRepository;
import com.codexmanager.gateway.state.ModelCacheRepository;
import com.codexmanager.gateway.state.PinRepository;
import com.codexmanager.gateway.upstream.OutcomeClassifier;
import com.codexmanager.gateway.upstream.StreamWatchdog;
import com.codexmanager.gateway.upstream.UpstreamClient;
import com.codexmanager.gateway.upstream.UpstreamSocketClient;
import com.codexmanager.module.ServiceContext;
import com.codexmanager.module.ServiceModule;
import com.codexmanager.server.HttpRoutes;
import com.codexmanager.store.ChangeFeed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local gateway: OpenAI-compatible routes served from the account pool. Owns the upstream HTTP client, the
 * stream watchdog, the routing state (cooldowns persisted in the database, affinity, in-flight counts), the model
 * catalogue and the keepalive job; closes them on shutdown.
 */
public final class GatewayModule implements ServiceModule {
    private static final int AFFINITY_CAPACITY = 100_000;
    /** How often the pool snapshot (usage windows, headroom ranking) is rebuilt in the background. */
    private static final Duration POOL_REFRESH = Duration.ofSeconds(2);
    /** How often an instance of a shared database reads the others' key usage (limits lag them by about this). */
    private static final Duration SHARED_LIMITS_EVERY = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(GatewayModule.class);

    private final ServiceContext context;
    private final AccountPool pool;
    private final UpstreamClient upstream;
    private final StreamWatchdog watchdog;
    private final UpstreamSocketClient upstreamSockets;
    private final GatewayRoutes routes;
    private final Cooldowns cooldowns;
    private final ModelCatalog catalog;
    private final KeepaliveJob keepalive;
    private final ScheduledExecutorService jobs;
    /** Model list fetches run here, so a slow upstream never delays the pool refresh on {@link #jobs}. */
    private final ScheduledExecutorService modelJobs;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final GatewayExecutor executor;
    private final OpenSockets sockets = new OpenSockets();
    private final GatewayConfig config;
    /** The affinity table shared by instances of one database, or {@code null} on the embedded one. */
    private final AffinityRepository sharedAffinity;
    private final KeyLimiter limiter;
    private final KeyTokenHistory history;

    public GatewayModule(ServiceContext context, AccountPool pool, KeyAuthenticator keys, RequestRecorder sink,
            UsageObserver usage) {
        this(context, pool, keys, sink, usage, KeyTokenHistory.NONE, context.clock().getZone());
    }

    /**
     * @param history today's tokens per key from the request log, read once to seed the daily token limits
     * @param zone    the service's time zone: daily token limits reset at its midnight
     */
    public GatewayModule(ServiceContext context, AccountPool pool, KeyAuthenticator keys, RequestRecorder sink,
            UsageObserver usage, KeyTokenHistory history, ZoneId zone) {
        this.context = context;
        this.pool = pool;
        this.limiter = new KeyLimiter(zone);
        Instant now = context.clock().instant();
        limiter.seed(history.tokensSince(limiter.startOfDay(now)), limiter.day(now));
        this.history = history;
        RequestRecorder recorder = new MeteredRecorder(new KeyUsageRecorder(sink, limiter), metrics);
        var settings = context.settings().current();
        this.upstream = new UpstreamClient(Duration.ofSeconds(settings.number(Setting.UPSTREAM_CONNECT_TIMEOUT_SECS)),
                Duration.ofSeconds(Math.max(settings.number(Setting.UPSTREAM_FIRST_BYTE_TIMEOUT_SECS),
                        settings.number(Setting.UPSTREAM_IDLE_TIMEOUT_SECS)) + 30), context.settings()::current);
        this.watchdog = new StreamWatchdog(Duration.ofMillis(50), System::nanoTime);
        this.jobs = Executors2.scheduler("gateway-jobs");
        this.cooldowns = new Cooldowns(context.clock(), new CooldownRepository(context.database().sql().relaxed()));
        context.changes().onChange(ChangeFeed.Table.COOLDOWNS, cooldowns::reload);
        // several instances behind one balancer share conversations through the database
        this.sharedAffinity = context.database().shared()
                ? new AffinityRepository(context.database().sql().relaxed()) : null;
        AffinityMap affinity = new AffinityMap(context.clock(),
                Duration.ofSeconds(settings.number(Setting.AFFINITY_TTL_SECS)), AFFINITY_CAPACITY,
                sharedAffinity == null ? AffinityMap.Store.NONE : sharedAffinity);
        this.modelJobs = Executors2.scheduler("gateway-models");
        this.catalog = new ModelCatalog(new ModelCacheRepository(context.database().sql().relaxed()), pool, upstream,
                () -> context.settings().current().text(Setting.UPSTREAM_BASE_URL),
                () -> context.settings().current().text(Setting.ORIGINATOR), modelJobs, context.clock());
        CandidateSelector selector = new CandidateSelector(pool::snapshot, cooldowns, affinity, catalog,
                context.clock());
        ManualAccount manual = new ManualAccount(new PinRepository(context.database().sql()), context.clock());
        context.changes().onChange(ChangeFeed.Table.GATEWAY_STATE, manual::reload);
        OutcomeClassifier classifier = new OutcomeClassifier(context.clock());
        OpenAttempts attempts = new OpenAttempts();
        this.upstreamSockets = new UpstreamSocketClient(() -> Duration.ofSeconds(
                context.settings().current().number(Setting.UPSTREAM_CONNECT_TIMEOUT_SECS)));
        SocketAttempts socketAttempts = new SocketAttempts(upstreamSockets, upstream, classifier, watchdog, attempts,
                recorder, usage, metrics, context.clock());
        this.executor = new GatewayExecutor(pool, selector, cooldowns, new InflightTracker(), affinity,
                upstream, classifier, watchdog, usage, recorder, context.clock(), manual::get, catalog, attempts,
                socketAttempts);
        this.config = new GatewayConfig(context.settings()::current);
        RequestSteps steps = new RequestSteps(keys, limiter, new ModelResolver(pool::snapshot, selector, catalog),
                executor, recorder);
        TraceIds traceIds = new TraceIds(context.clock());
        AzureForwarder azure = new AzureForwarder(upstream, recorder, classifier, watchdog, attempts);
        AdapterHandler handler = new AdapterHandler(steps, executor, azure, recorder, metrics, config, traceIds,
                context.clock());
        SocketTurns turns = new SocketTurns(steps, executor, recorder, metrics, config, traceIds, context.clock(),
                sockets);
        this.routes = new GatewayRoutes(handler, new ResponsesSockets(keys, config, turns, sockets, metrics,
                context.clock()), new CountTokensHandler(keys, context.settings()::current),
                new ModelsHandler(keys, catalog, pool::snapshot, config));
        this.keepalive = new KeepaliveJob(pool, catalog);
        GatewayRpcMethods.register(context, selector, manual, pool);
        context.settings().onChange(s -> affinity.setTtl(Duration.ofSeconds(s.number(Setting.AFFINITY_TTL_SECS))));
    }

    @Override
    public List<HttpRoutes> routes() {
        return List.of(routes::register);
    }

    @Override
    public void start() {
        var settings = context.settings().current();
        long keepaliveSecs = settings.number(Setting.GATEWAY_KEEPALIVE_INTERVAL_SECS);
        java.util.function.BooleanSupplier runsHere = context.singleRunner("gateway-keepalive");
        jobs.scheduleWithFixedDelay(() -> {
            if (runsHere.getAsBoolean()) {
                keepalive.run();
                pruneSharedAffinity();
            }
        }, keepaliveSecs, keepaliveSecs, TimeUnit.SECONDS);
        jobs.scheduleWithFixedDelay(pool::refreshSnapshot, POOL_REFRESH.toMillis(), POOL_REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
        long modelSecs = settings.number(Setting.MODELS_REFRESH_INTERVAL_SECS);
        jobs.scheduleWithFixedDelay(catalog::refreshAsync, 0, modelSecs, TimeUnit.SECONDS);
        jobs.scheduleWithFixedDelay(this::sweepSockets, 1, 1, TimeUnit.SECONDS);
        if (history.shared()) {
            jobs.scheduleWithFixedDelay(this::learnOthersUse, 0, SHARED_LIMITS_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Per-key limits hold across the instances of a shared database: count what the others did. */
    private void learnOthersUse() {
        try {
            Instant now = context.clock().instant();
            KeyTokenHistory.Others others = history.othersSince(limiter.startOfDay(now), now.minusSeconds(60));
            limiter.othersDid(others.tokens(), others.recentRequests(), limiter.day(now));
        } catch (RuntimeException e) {
            log.warn("Could not read the other instances' key usage ({}); limits count this instance only until the "
                    + "next try", e.getMessage());
        }
    }

    private void pruneSharedAffinity() {
        if (sharedAffinity != null) {
            long ttl = context.settings().current().number(Setting.AFFINITY_TTL_SECS);
            sharedAffinity.prune(context.clock().instant().minusSeconds(ttl));
        }
    }

    /** Closes Responses WebSockets past their idle or lifetime limit (settings read per snapshot, not per tick). */
    private void sweepSockets() {
        if (sockets.size() > 0) {
            sockets.sweep(context.clock().instant(), config.current().settings().sockets());
        }
    }

    /** Responses WebSockets open now. */
    public int openSockets() {
        return sockets.size();
    }

    /** The port is closed: idle WebSockets close now, busy ones after their turn; no new turn starts. */
    @Override
    public void stopAccepting() {
        sockets.drain();
    }

    /** Waits for the WebSocket turns in progress (HTTP requests are counted by the server itself). */
    @Override
    public boolean awaitDrained(Duration timeout) {
        return sockets.awaitIdle(timeout);
    }

    public Cooldowns cooldowns() {
        return cooldowns;
    }

    /** The gateway's counters; the metrics module serves them on {@code /metrics}. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** The per-key limits in force (their counters). */
    public KeyLimiter limiter() {
        return limiter;
    }

    /**
     * Ends every open stream now with a protocol-shaped terminal error (shutdown after the drain period); requests
     * that arrive later are refused with 503.
     */
    @Override
    public void endOpenStreams() {
        executor.stopAll();
    }

    @Override
    public void close() {
        sockets.closeAll();
        Executors2.stop(jobs, Duration.ofSeconds(2), "Gateway jobs");
        Executors2.stop(modelJobs, Duration.ofSeconds(2), "Gateway model jobs");
        watchdog.close();
        upstreamSockets.close();
        upstream.close();
        if (sharedAffinity != null) {
            sharedAffinity.close();
        }
    }
}
