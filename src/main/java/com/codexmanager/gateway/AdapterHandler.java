package com.codexmanager.gateway;

import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
import com.codexmanager.gateway.protocol.ErrorRenderer;
import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.gateway.protocol.ProtocolAdapter;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP request's way through the gateway: trace id, the shared {@link RequestSteps} (key auth, body, protocol
 * mapping, model, key policy, normalisation), then the answer — from the pool ({@link Answers}), from an
 * azure_openai key's own endpoint ({@link AzureForwarder}) or a refusal in the client's protocol — and exactly
 * one request-log row ({@link RequestEnd}). Whatever happens — including a bug that throws — the client gets a
 * protocol-shaped answer, the in-flight gauge comes back down and the row is written. Every response carries
 * {@code X-CodexManager-Trace-Id}. Thread-safe.
 */
final class AdapterHandler {
    private static final Logger log = LoggerFactory.getLogger(AdapterHandler.class);
    static final String TRACE_HEADER = "X-CodexManager-Trace-Id";

    private final RequestSteps steps;
    private final GatewayExecutor executor;
    private final AzureForwarder azure;
    private final RequestRecorder recorder;
    private final RequestEnd end;
    private final GatewayMetrics metrics;
    private final GatewayConfig config;
    private final TraceIds traceIds;
    private final Clock clock;

    AdapterHandler(RequestSteps steps, GatewayExecutor executor, AzureForwarder azure, RequestRecorder recorder,
            GatewayMetrics metrics, GatewayConfig config, TraceIds traceIds, Clock clock) {
        this.steps = steps;
        this.executor = executor;
        this.azure = azure;
        this.recorder = recorder;
        this.end = new RequestEnd(recorder, clock);
        this.metrics = metrics;
        this.config = config;
        this.traceIds = traceIds;
        this.clock = clock;
    }

    /**
     * @param pathModel the model named by the path (Azure deployment routes), or {@code null}
     */
    void handle(Context ctx, ProtocolAdapter adapter, String pathModel) {
        RequestFacts facts = RequestFacts.start(traceIds.next(), clock.instant(), RequestFacts.HTTP,
                ctx.method().name(), ctx.path(), adapter.upstreamPath());
        ctx.header(TRACE_HEADER, facts.traceId());
        recorder.trace(facts.traceId(), TraceStep.REQUEST_START, Map.of("method", facts.method(),
                "path", facts.path()));
        GatewayConfig.View view = config.current();
        if (!metrics.tryStart(view.settings().maxInflight())) {
            GatewayError busy = BusyRefusal.error(view.settings().maxInflight());
            end.record(facts, Ending.refused(adapter.errors().render(ctx, busy), busy.code(), busy.message()));
            return;
        }
        Ending ending = null;
        try {
            Admission admission = steps.admit(facts, ApiKeyExtractor.extract(ctx), lowerCaseHeaders(ctx),
                    RequestBodies.of(ctx), adapter, pathModel, view, true);
            facts = admission.facts();
            ending = answer(ctx, adapter, admission, view);
        } catch (RuntimeException e) {
            log.error("Gateway request {} failed unexpectedly on {} {}", facts.traceId(), facts.method(),
                    facts.path(), e);
            ending = unexpected(ctx, adapter.errors());
        } finally {
            metrics.ended();
            if (ending != null) {
                end.record(facts, ending);
            }
        }
    }

    private Ending answer(Context ctx, ProtocolAdapter adapter, Admission admission, GatewayConfig.View view) {
        if (admission instanceof Admission.Refused refused) {
            int status = adapter.errors().render(ctx, refused.error());
            return Ending.refused(status, refused.error().code(), refused.error().message());
        }
        if (admission instanceof Admission.ToAzure toAzure) {
            return azure.forward(ctx, toAzure, adapter, view.settings());
        }
        Admission.ToPool toPool = (Admission.ToPool) admission;
        Answers answers = new Answers(executor::execute, adapter, toPool.adapted());
        return toPool.adapted().streams() ? answers.stream(ctx, toPool.request(), view.settings())
                : answers.whole(ctx, toPool.request(), view.settings());
    }

    /** A bug reached the top: answer 500 in the client's protocol if nothing was sent yet. */
    private static Ending unexpected(Context ctx, ErrorRenderer errors) {
        String message = "internal error; the gateway log has the details";
        if (!ctx.res().isCommitted()) {
            ctx.res().resetBuffer();
            return Ending.refused(errors.render(ctx, GatewayError.of(500, "internal_error", message)),
                    "internal_error", message);
        }
        return Ending.refused(500, "internal_error", message);
    }

    static Map<String, String> lowerCaseHeaders(Context ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        ctx.headerMap().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }
}
