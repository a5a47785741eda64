package com.codexmanager.gateway;

import com.codexmanager.config.Setting;
import com.codexmanager.gateway.port.AccountPool;
import com.codexmanager.gateway.port.KeyAuthenticator;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.UsageObserver;
import com.codexmanager.gateway.routing.AffinityMap;
import com.codexmanager.gateway.routing.CandidateSelector;
import com.codexmanager.gateway.routing.Cooldowns;
import com.codexmanager.gateway.routing.InflightTracker;
import com.codexmanager.gateway.upstream.OutcomeClassifier;
import com.codexmanager.gateway.upstream.StreamWatchdog;
import com.codexmanager.gateway.upstream.UpstreamClient;
import com.codexmanager.server.HttpRoutes;
import com.codexmanager.service.ServiceContext;
import com.codexmanager.service.ServiceModule;
import java.time.Duration;
import java.util.List;

/**
 * The local gateway: OpenAI-compatible routes served from the account pool. Owns the upstream HTTP client, the
 * stream watchdog and the routing state (cooldowns, affinity, in-flight counts); closes them on shutdown.
 */
public final class GatewayModule implements ServiceModule {
    private static final int AFFINITY_CAPACITY = 100_000;

    private final UpstreamClient upstream;
    private final StreamWatchdog watchdog;
    private final GatewayRoutes routes;
    private final Cooldowns cooldowns;
    private final CandidateSelector selector;
    private final AffinityMap affinity;

    public GatewayModule(ServiceContext context, AccountPool pool, KeyAuthenticator keys, RequestRecorder recorder,
            UsageObserver usage, Cooldowns.Store cooldownStore) {
        var settings = context.settings().current();
        this.upstream = new UpstreamClient(Duration.ofSeconds(settings.number(Setting.UPSTREAM_CONNECT_TIMEOUT_SECS)),
                Duration.ofSeconds(Math.max(settings.number(Setting.UPSTREAM_FIRST_BYTE_TIMEOUT_SECS),
                        settings.number(Setting.UPSTREAM_IDLE_TIMEOUT_SECS)) + 30));
        this.watchdog = new StreamWatchdog(Duration.ofMillis(50), System::nanoTime);
        this.cooldowns = new Cooldowns(context.clock(), cooldownStore);
        this.affinity = new AffinityMap(context.clock(),
                Duration.ofSeconds(settings.number(Setting.AFFINITY_TTL_SECS)), AFFINITY_CAPACITY);
        this.selector = new CandidateSelector(pool::snapshot, cooldowns, affinity, context.clock());
        ManualAccount manual = new ManualAccount();
        GatewayExecutor executor = new GatewayExecutor(pool, selector, cooldowns, new InflightTracker(), affinity,
                upstream, new OutcomeClassifier(context.clock()), watchdog, usage, recorder, context.clock(),
                manual::get);
        ResponsesHandler responses = new ResponsesHandler(keys, executor, recorder, context.settings()::current,
                new TraceIds(context.random()), context.clock());
        this.routes = new GatewayRoutes(responses);
        GatewayRpcMethods.register(context, selector, manual, pool);
        context.settings().onChange(s -> affinity.setTtl(Duration.ofSeconds(s.number(Setting.AFFINITY_TTL_SECS))));
    }

    @Override
    public List<HttpRoutes> routes() {
        return List.of(routes::register);
    }

    public Cooldowns cooldowns() {
        return cooldowns;
    }

    @Override
    public void close() {
        watchdog.close();
        upstream.close();
    }
}
