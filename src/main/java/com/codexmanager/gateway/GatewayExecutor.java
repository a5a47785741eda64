package com.codexmanager.gateway;

import com.codexmanager.gateway.models.ModelCatalog;
import com.codexmanager.gateway.port.AccountPool;
import com.codexmanager.gateway.port.Credentials;
import com.codexmanager.gateway.port.CredentialsUnavailableException;
import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
import com.codexmanager.gateway.port.UsageObserver;
import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.routing.AffinityMap;
import com.codexmanager.gateway.routing.CandidateSelector;
import com.codexmanager.gateway.routing.Cooldowns;
import com.codexmanager.gateway.routing.InflightTracker;
import com.codexmanager.gateway.routing.PoolAccount;
import com.codexmanager.gateway.routing.RouteRequest;
import com.codexmanager.gateway.routing.Selection;
import com.codexmanager.gateway.upstream.Outcome;
import com.codexmanager.gateway.upstream.OutcomeClassifier;
import com.codexmanager.gateway.upstream.RateLimitHeaders;
import com.codexmanager.gateway.upstream.StreamWatchdog;
import com.codexmanager.gateway.upstream.UpstreamCall;
import com.codexmanager.gateway.upstream.UpstreamClient;
import com.codexmanager.gateway.upstream.UpstreamHeaders;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Serves one request from the pool: selects candidates, takes an in-flight slot, calls the upstream, classifies
 * the answer, applies cooldowns, refreshes once on 401, retries the fallback upstream when configured, fails over
 * while nothing has reached the client, and relays the stream of the account that answers. An upstream refusal of
 * the model ("not supported" for the account's plan) skips the accounts of that plan and, once no account is left,
 * goes on with the request's next fallback model. Thread-safe.
 */
public final class GatewayExecutor {
    private final AccountPool pool;
    private final CandidateSelector selector;
    private final Cooldowns cooldowns;
    private final InflightTracker inflight;
    private final AffinityMap affinity;
    private final UpstreamClient upstream;
    private final OutcomeClassifier classifier;
    private final StreamWatchdog watchdog;
    private final UsageObserver usageObserver;
    private final RequestRecorder recorder;
    private final Clock clock;
    private final Supplier<String> pinnedAccount;
    private final ModelCatalog catalog;
    private final OpenAttempts open;
    /** Client WebSocket turns over an upstream WebSocket; {@code null} serves every turn over HTTP SSE. */
    private final SocketAttempts sockets;
    private final UpstreamUris uris = new UpstreamUris();

    public GatewayExecutor(AccountPool pool, CandidateSelector selector, Cooldowns cooldowns,
            InflightTracker inflight, AffinityMap affinity, UpstreamClient upstream, OutcomeClassifier classifier,
            StreamWatchdog watchdog, UsageObserver usageObserver, RequestRecorder recorder, Clock clock,
            Supplier<String> pinnedAccount, ModelCatalog catalog) {
        this(pool, selector, cooldowns, inflight, affinity, upstream, classifier, watchdog, usageObserver, recorder,
                clock, pinnedAccount, catalog, new OpenAttempts(), null);
    }

    GatewayExecutor(AccountPool pool, CandidateSelector selector, Cooldowns cooldowns, InflightTracker inflight,
            AffinityMap affinity, UpstreamClient upstream, OutcomeClassifier classifier, StreamWatchdog watchdog,
            UsageObserver usageObserver, RequestRecorder recorder, Clock clock, Supplier<String> pinnedAccount,
            ModelCatalog catalog, OpenAttempts open, SocketAttempts sockets) {
        this.pool = pool;
        this.selector = selector;
        this.cooldowns = cooldowns;
        this.inflight = inflight;
        this.affinity = affinity;
        this.upstream = upstream;
        this.classifier = classifier;
        this.watchdog = watchdog;
        this.usageObserver = usageObserver;
        this.recorder = recorder;
        this.clock = clock;
        this.pinnedAccount = pinnedAccount;
        this.catalog = catalog;
        this.open = open;
        this.sockets = sockets;
    }

    public ExecutionResult execute(GatewayRequest request, GatewaySettings settings, ClientStream client) {
        return execute(request, settings, client, null);
    }

    /**
     * Serves a client WebSocket turn: its attempts may go over the client socket's upstream WebSocket.
     *
     * @param upstreamSocket the client socket's upstream socket, or {@code null} for HTTP SSE only
     */
    ExecutionResult execute(GatewayRequest request, GatewaySettings settings, ClientStream client,
            UpstreamSocketSlot upstreamSocket) {
        long startNanos = System.nanoTime();
        ExecutionResult result = serve(request, settings, client, startNanos, upstreamSocket);
        List<String> attempted = new ArrayList<>(result.attempted());
        GatewayRequest current = request;
        while (refusedModel(result) && !current.fallbackModels().isEmpty()) {
            current = current.withNextModel();
            trace(request.traceId(), TraceStep.MODEL_FALLBACK, Map.of("model", current.effectiveModel()));
            ExecutionResult next = serve(current, settings, client, startNanos, upstreamSocket);
            attempted.addAll(next.attempted());
            if (!(next instanceof ExecutionResult.Refused refused && refused.code().equals("model_not_found"))) {
                result = next; // a model no plan offers is passed over: the upstream's refusal stays the answer
            }
        }
        return ExecutionResult.withAttempted(result, attempted);
    }

    private static boolean refusedModel(ExecutionResult result) {
        return result instanceof ExecutionResult.Refused refused
                && refused.code().equals(Outcome.ModelNotSupported.CODE);
    }

    /** Serves the request with its {@code effectiveModel}, trying the candidate accounts in order. */
    private ExecutionResult serve(GatewayRequest request, GatewaySettings settings, ClientStream client,
            long startNanos, UpstreamSocketSlot upstreamSocket) {
        Instant deadline = request.startedAt().plus(settings.failoverBudget());
        Selection selection = selector.select(route(request.key(), request.effectiveModel(), request.affinityKey(),
                settings));
        traceSelection(request.traceId(), selection);
        List<PoolAccount> candidates = new ArrayList<>(selection.candidates());
        List<String> attempted = new ArrayList<>();
        Outcome last = null;
        Map<String, String> lastRateLimits = Map.of();
        String lastAccount = null;
        while (!candidates.isEmpty() && clock.instant().isBefore(deadline)) {
            if (open.stopping()) {
                return stopping(attempted, lastAccount);
            }
            Optional<InflightTracker.Slot> slot = takeSlot(settings, candidates);
            if (slot.isEmpty()) {
                return new ExecutionResult.Refused(503, "accounts_busy", "every candidate account is at its in-flight "
                        + "limit (CODEXMANAGER_ACCOUNT_MAX_INFLIGHT); waited " + settings.gateWait().toMillis() + " ms",
                        Duration.ofSeconds(1), null, attempted, lastAccount);
            }
            PoolAccount account = removeUpTo(candidates, slot.get().accountId(), request.traceId());
            attempted.add(account.id());
            lastAccount = account.id();
            trace(request.traceId(), TraceStep.CANDIDATE_START, Map.of("account_id", account.id(),
                    "attempt", attempted.size()));
            try (InflightTracker.Slot held = slot.get()) {
                Attempt result = attempt(request, settings, account, client, startNanos,
                        upstreamSocket);
                if (result instanceof Attempt.Relayed relayed) {
                    return served(request, account, attempted, relayed);
                }
                Attempt.Failed failed = (Attempt.Failed) result;
                Outcome outcome = failed.outcome();
                trace(request.traceId(), TraceStep.ATTEMPT_RESULT, Map.of("account_id", account.id(),
                        "outcome", outcome.code()));
                applyCooldown(account.id(), outcome);
                if (outcome instanceof Outcome.ModelNotSupported) {
                    // the account's plan lacks the model: so do the other candidates of that plan
                    catalog.onRefused(account.plan(), request.effectiveModel());
                    candidates.removeIf(other -> Objects.equals(other.plan(), account.plan()));
                }
                if (!outcome.failover()) {
                    return refusedFromOutcome(outcome, attempted, account.id())
                            .withRateLimitHeaders(failed.rateLimitHeaders());
                }
                last = outcome;
                lastRateLimits = failed.rateLimitHeaders();
            }
        }
        return NoAccountAnswer.refusal(last, selection, attempted, lastAccount, clock.instant(),
                request.effectiveModel()).withRateLimitHeaders(lastRateLimits);
    }

    /** The routing facts of a request: the key's group, the conversation, the pinned account, the strategy. */
    RouteRequest route(PlatformKey key, String model, String affinityKey, GatewaySettings settings) {
        return new RouteRequest(key.id(), model, key.accountGroup(), affinityKey, pinnedAccount.get(),
                settings.strategy(), settings.maxAttempts(), settings.highWaterPercent());
    }

    private Optional<InflightTracker.Slot> takeSlot(GatewaySettings settings, List<PoolAccount> candidates) {
        try {
            return inflight.acquire(candidates.stream().map(PoolAccount::id).toList(),
                    settings.accountMaxInflight(), settings.gateWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Removes candidates up to and including {@code chosen}; ones before it were full and are traced as skips. */
    private PoolAccount removeUpTo(List<PoolAccount> candidates, String chosen, String traceId) {
        while (true) {
            PoolAccount head = candidates.remove(0);
            if (head.id().equals(chosen)) {
                return head;
            }
            trace(traceId, TraceStep.CANDIDATE_SKIP, Map.of("account_id", head.id(), "reason", "inflight_limit"));
        }
    }

    private Attempt attempt(GatewayRequest request, GatewaySettings settings, PoolAccount account,
            ClientStream client, long startNanos, UpstreamSocketSlot slot) {
        Credentials credentials;
        try {
            credentials = pool.credentials(account.id());
        } catch (CredentialsUnavailableException e) {
            return new Attempt.Failed(new Outcome.Unauthorized(e.reason()));
        }
        Attempt result = call(settings.upstreamBaseUrl(), request, settings, account, credentials, client,
                startNanos, slot);
        if (result instanceof Attempt.Failed failed && failed.outcome() instanceof Outcome.Unauthorized) {
            try {
                credentials = pool.refreshAfterUnauthorized(account.id(), credentials);
            } catch (CredentialsUnavailableException e) {
                return new Attempt.Failed(new Outcome.Unauthorized(e.reason()));
            }
            result = call(settings.upstreamBaseUrl(), request, settings, account, credentials, client, startNanos,
                    slot);
        }
        if (result instanceof Attempt.Failed failed && !settings.fallbackBaseUrl().isBlank()
                && usesFallback(failed.outcome())) {
            trace(request.traceId(), TraceStep.FALLBACK_UPSTREAM, Map.of("account_id", account.id(),
                    "outcome", failed.outcome().code()));
            result = call(settings.fallbackBaseUrl(), request, settings, account, credentials, client, startNanos,
                    slot);
        }
        return result;
    }

    private static boolean usesFallback(Outcome outcome) {
        return outcome instanceof Outcome.Challenge || outcome instanceof Outcome.Unauthorized
                || outcome instanceof Outcome.Forbidden || outcome instanceof Outcome.RateLimited;
    }

    /**
     * One exchange with one account, through the account's own proxy when it has one: over the client socket's
     * upstream WebSocket when there is one and it may be used, else over HTTP.
     */
    private Attempt call(String baseUrl, GatewayRequest request, GatewaySettings settings, PoolAccount account,
            Credentials credentials, ClientStream client, long startNanos, UpstreamSocketSlot slot) {
        URI uri = uris.of(baseUrl, request.upstreamPath());
        boolean sse = !request.upstreamPath().endsWith("/compact");
        if (slot != null && sockets != null && sse) {
            Optional<Attempt> overSocket = sockets.attempt(uri, baseUrl, request, settings, account.id(),
                    credentials, client, startNanos, slot);
            if (overSocket.isPresent()) {
                return overSocket.get();
            }
        }
        Map<String, String> headers = UpstreamHeaders.build(credentials, settings.originator(), settings.cookie(),
                request.clientHeaders(), request.affinityKey(), sse);
        UpstreamClient.Pending pending = upstream.preparePost(uri, headers, request.bodyBytes(), credentials.proxy());
        try (AttemptWatch watch = new AttemptWatch(pending::cancel, client, open).register(watchdog, settings)) {
            UpstreamCall call;
            try {
                call = pending.open();
            } catch (IOException e) {
                if (watch.stopping()) {
                    return new Attempt.Failed(new Outcome.ServiceStopping());
                }
                return new Attempt.Failed(watch.timedOut()
                        ? new Outcome.Network("no answer from the upstream within "
                                + settings.firstByteTimeout().toSeconds() + " s")
                        : new Outcome.Network(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            watch.watch().upstreamActivity();
            return exchange(call, account, credentials, client, settings, watch, sse, startNanos);
        }
    }

    private Attempt exchange(UpstreamCall call, PoolAccount account, Credentials credentials, ClientStream client,
            GatewaySettings settings, AttemptWatch watch, boolean sse, long startNanos) {
        try (call) {
            Map<String, String> replyHeaders = call.headers();
            Map<String, String> rateLimits = RateLimitHeaders.extract(replyHeaders);
            if (!rateLimits.isEmpty()) {
                usageObserver.onRateLimitHeaders(credentials.accountId(), rateLimits);
            }
            String etag = replyHeaders.get("x-models-etag");
            if (etag != null) {
                catalog.onEtag(account.plan(), etag);
            }
            int status = call.status();
            if (status < 200 || status >= 300 || (sse && !call.contentType().contains("text/event-stream"))) {
                String body = readErrorBody(call);
                call.cancel();
                return new Attempt.Failed(status >= 200 && status < 300
                        ? new Outcome.ServerError(502, "upstream answered " + call.contentType()
                                + " instead of an event stream")
                        : classifier.classifyHttp(status, replyHeaders, call.contentType(), body), rateLimits);
            }
            if (!sse) {
                return UnaryRelay.relay(call, client);
            }
            Attempt relayed = new StreamRelay(call, client, classifier, watch, settings).run(startNanos, replyHeaders);
            if (!(relayed instanceof Attempt.Relayed done) || !done.clean()) {
                // nothing more is wanted from this stream: drop the connection instead of draining it
                call.cancel();
            }
            return relayed;
        }
    }

    private static String readErrorBody(UpstreamCall call) {
        try {
            return call.bodyText(64 * 1024);
        } catch (IOException e) {
            return "";
        }
    }

    private void applyCooldown(String accountId, Outcome outcome) {
        if (outcome instanceof Outcome.UsageLimit limit) {
            pool.markUsageLimited(accountId, limit.resetsAt());
            cooldowns.bench(accountId, Cooldowns.Kind.USAGE_LIMIT,
                    Optional.of(Duration.between(clock.instant(), limit.resetsAt())));
        } else if (outcome instanceof Outcome.RateLimited limited) {
            cooldowns.bench(accountId, Cooldowns.Kind.RATE_LIMITED, limited.retryAfter());
        } else if (outcome instanceof Outcome.Challenge) {
            cooldowns.bench(accountId, Cooldowns.Kind.CHALLENGE, Optional.empty());
        } else if (outcome instanceof Outcome.Overloaded || outcome instanceof Outcome.ServerError) {
            cooldowns.bench(accountId, Cooldowns.Kind.SERVER_ERROR, Optional.empty());
        } else if (outcome instanceof Outcome.Network) {
            cooldowns.bench(accountId, Cooldowns.Kind.NETWORK, Optional.empty());
        } else if (outcome instanceof Outcome.Unauthorized) {
            cooldowns.bench(accountId, Cooldowns.Kind.AUTH, Optional.empty());
        } else if (outcome instanceof Outcome.Forbidden) {
            cooldowns.bench(accountId, Cooldowns.Kind.FORBIDDEN, Optional.empty());
        }
        // RequestRejected is the request's fault and ServiceStopping the service's: no bench.
    }

    private ExecutionResult served(GatewayRequest request, PoolAccount account, List<String> attempted,
            Attempt.Relayed relayed) {
        if (relayed.clean()) {
            cooldowns.clear(account.id());
        }
        affinity.bind(request.key().id(), request.affinityKey(), account.id());
        pool.markUsed(account.id(), clock.instant());
        return new ExecutionResult.Served(account.id(), attempted, relayed.usage(), relayed.firstByteMillis(),
                relayed.streamError(), relayed.clientGone(), relayed.upstreamModel());
    }

    private static ExecutionResult.Refused refusedFromOutcome(Outcome outcome, List<String> attempted,
            String accountId) {
        if (outcome instanceof Outcome.RequestRejected rejected) {
            return new ExecutionResult.Refused(rejected.status(), rejected.code(), rejected.message(), null,
                    rejected.rawBody(), attempted, accountId);
        }
        if (outcome instanceof Outcome.ServiceStopping) {
            return stopping(attempted, accountId);
        }
        return new ExecutionResult.Refused(502, outcome.code(), "upstream error", null, null, attempted, accountId);
    }

    private static ExecutionResult.Refused stopping(List<String> attempted, String accountId) {
        return new ExecutionResult.Refused(503, "service_stopping", "the gateway is shutting down; retry the request",
                Duration.ofSeconds(1), null, attempted, accountId);
    }

    /** Ends every open upstream attempt: its stream gets a terminal error; later requests are refused. */
    int stopAll() {
        return open.stopAll();
    }

    private void traceSelection(String traceId, Selection selection) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("source", selection.source());
        fields.put("candidates", String.join(",", selection.candidates().stream().map(PoolAccount::id).toList()));
        trace(traceId, TraceStep.CANDIDATE_POOL, fields);
        for (Selection.Skip skip : selection.skips()) {
            trace(traceId, TraceStep.CANDIDATE_SKIP, Map.of("account_id", skip.accountId(),
                    "reason", skip.reason().code()));
        }
    }

    private void trace(String traceId, TraceStep step, Map<String, Object> fields) {
        recorder.trace(traceId, step, fields);
    }
}
