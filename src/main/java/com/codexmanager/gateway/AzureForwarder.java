package com.codexmanager.gateway;

import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
import com.codexmanager.gateway.protocol.ClientStream;
import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.gateway.protocol.JsonFields;
import com.codexmanager.gateway.protocol.ProtocolAdapter;
import com.codexmanager.gateway.upstream.Outcome;
import com.codexmanager.gateway.upstream.OutcomeClassifier;
import com.codexmanager.gateway.upstream.StreamWatchdog;
import com.codexmanager.gateway.upstream.UpstreamCall;
import com.codexmanager.gateway.upstream.UpstreamClient;
import com.codexmanager.json.Json;
import com.codexmanager.json.JsonTreeWriter;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Serves a request of an {@code azure_openai} key from that key's own Azure OpenAI resource instead of the pool,
 * the way the pool serves it: every client protocol (Responses, Chat Completions, Anthropic Messages) is mapped
 * by its adapter to a Responses request, which goes to the resource's v1 API ({@code /openai/v1/responses}, model
 * = the resolved model, i.e. the deployment) with the key's {@code api-key}, always streamed; the answer comes
 * back through the same {@link StreamRelay} — first-byte and idle watchdog, keep-alives, output held back until
 * it starts, the protocol's terminal event when the stream breaks, service shutdown — and the same {@link Answers}
 * (a non-stream client gets the aggregated answer). Azure's HTTP errors are answered with their status, in the
 * client's error shape, with {@code Retry-After} when Azure sent one. One attempt: there is no pool to fail over
 * to. Thread-safe.
 */
final class AzureForwarder {
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final UpstreamClient upstream;
    private final RequestRecorder recorder;
    private final OutcomeClassifier classifier;
    private final StreamWatchdog watchdog;
    private final OpenAttempts open;

    AzureForwarder(UpstreamClient upstream, RequestRecorder recorder, OutcomeClassifier classifier,
            StreamWatchdog watchdog, OpenAttempts open) {
        this.upstream = upstream;
        this.recorder = recorder;
        this.classifier = classifier;
        this.watchdog = watchdog;
        this.open = open;
    }

    Ending forward(Context ctx, Admission.ToAzure request, ProtocolAdapter adapter, GatewaySettings settings) {
        PlatformKey.Azure azure = request.key().azure();
        if (azure == null || azure.baseUrl() == null || azure.baseUrl().isBlank()) {
            return refuse(ctx, adapter, GatewayError.of(400, "azure_endpoint_missing",
                    "this azure_openai key has no Azure endpoint configured"));
        }
        if (adapter.upstreamPath().endsWith("/compact")) {
            return refuse(ctx, adapter, GatewayError.of(400, "unsupported_for_azure_key",
                    "azure_openai keys serve Responses, Chat Completions and Messages, not /responses/compact"));
        }
        String apiKey = apiKey(azure);
        if (apiKey == null) {
            return refuse(ctx, adapter, GatewayError.of(403, "azure_key_missing",
                    "the Azure api-key of this key is missing or cannot be opened"));
        }
        URI uri = URI.create(v1Base(azure.baseUrl()) + "/responses");
        GatewayRequest azureRequest = azureRequest(request, adapter);
        Answers answers = new Answers((r, s, client) -> execute(uri, apiKey, r, s, client), adapter,
                request.adapted());
        return request.adapted().streams() ? answers.stream(ctx, azureRequest, settings)
                : answers.whole(ctx, azureRequest, settings);
    }

    /** The adapted Responses body for Azure: the deployment as model, streamed, no Codex-backend-only fields. */
    private static GatewayRequest azureRequest(Admission.ToAzure request, ProtocolAdapter adapter) {
        JsonObject body = request.adapted().body().deepCopy();
        body.addProperty("model", request.model());
        body.addProperty("stream", true);
        body.remove("client_metadata");
        RequestFacts facts = request.facts();
        return new GatewayRequest(facts.traceId(), facts.startedAt(), request.key(), facts.method(), facts.path(),
                adapter.upstreamPath(), facts.clientModel(), request.model(), null, body,
                JsonTreeWriter.utf8(body), Map.of(), null, request.adapted().streams(), List.of());
    }

    /** One exchange with the Azure resource, relayed to {@code client}. */
    private ExecutionResult execute(URI uri, String apiKey, GatewayRequest request, GatewaySettings settings,
            ClientStream client) {
        long startNanos = System.nanoTime();
        recorder.trace(request.traceId(), TraceStep.AZURE_FORWARD, Map.of("host", uri.getHost(),
                "path", uri.getPath()));
        UpstreamClient.Pending pending = upstream.preparePost(uri, Map.of("api-key", apiKey,
                "Accept", "text/event-stream"), request.bodyBytes());
        try (AttemptWatch watch = new AttemptWatch(pending::cancel, client, open).register(watchdog, settings)) {
            UpstreamCall call;
            try {
                call = pending.open();
            } catch (IOException e) {
                if (watch.stopping()) {
                    return refused(503, "service_stopping", "the gateway is shutting down; retry the request",
                            Duration.ofSeconds(1), null);
                }
                return refused(502, watch.timedOut() ? "azure_timeout" : "azure_unreachable", watch.timedOut()
                        ? "no answer from the Azure endpoint within " + settings.firstByteTimeout().toSeconds() + " s"
                        : "the Azure endpoint did not answer: " + e.getClass().getSimpleName(), null, null);
            }
            watch.watch().upstreamActivity();
            return exchange(call, client, settings, watch, startNanos);
        }
    }

    private ExecutionResult exchange(UpstreamCall call, ClientStream client, GatewaySettings settings,
            AttemptWatch watch, long startNanos) {
        try (call) {
            int status = call.status();
            if (status < 200 || status >= 300 || !call.contentType().contains("text/event-stream")) {
                String text = errorText(call);
                call.cancel();
                return httpError(status, call, text);
            }
            Map<String, String> headers = call.headers();
            Attempt attempt = new StreamRelay(call, client, classifier, watch, settings).run(startNanos, headers);
            if (!(attempt instanceof Attempt.Relayed done) || !done.clean()) {
                call.cancel();
            }
            if (attempt instanceof Attempt.Failed failed) {
                Outcome outcome = failed.outcome();
                if (outcome instanceof Outcome.ServiceStopping) {
                    return refused(503, "service_stopping", "the gateway is shutting down; retry the request",
                            Duration.ofSeconds(1), null);
                }
                return refused(statusOf(outcome), outcome.code(), "the Azure endpoint failed: " + outcome.code(),
                        null, null);
            }
            Attempt.Relayed relayed = (Attempt.Relayed) attempt;
            return new ExecutionResult.Served(null, List.of(), relayed.usage(), relayed.firstByteMillis(),
                    relayed.streamError(), relayed.clientGone(), relayed.upstreamModel());
        }
    }

    private static int statusOf(Outcome outcome) {
        if (outcome instanceof Outcome.RateLimited || outcome instanceof Outcome.UsageLimit) {
            return 429;
        }
        if (outcome instanceof Outcome.RequestRejected rejected) {
            return rejected.status();
        }
        return outcome instanceof Outcome.Overloaded ? 503 : 502;
    }

    /** Azure's own error, kept with its status and code (the renderer passes an OpenAI-shaped body through). */
    private static ExecutionResult httpError(int status, UpstreamCall call, String text) {
        if (status >= 200 && status < 300) {
            return refused(502, "azure_not_a_stream", "the Azure endpoint answered " + call.contentType()
                    + " instead of an event stream", null, null);
        }
        JsonObject error = JsonFields.object(parse(text), "error");
        Duration retryAfter = retryAfter(call);
        if (error == null) {
            return refused(status >= 500 ? 502 : status, "azure_error", "the Azure endpoint answered HTTP " + status,
                    retryAfter, null);
        }
        String code = JsonFields.string(error, "code");
        String message = JsonFields.string(error, "message");
        return refused(status, code == null ? "azure_http_" + status : code,
                message == null ? "the Azure endpoint answered HTTP " + status : message, retryAfter, text);
    }

    private static Duration retryAfter(UpstreamCall call) {
        try {
            String ms = call.header("retry-after-ms").orElse(null);
            if (ms != null) {
                return Duration.ofMillis((long) Double.parseDouble(ms.trim()));
            }
            String seconds = call.header("retry-after").orElse(null);
            return seconds == null ? null : Duration.ofSeconds(Long.parseLong(seconds.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ExecutionResult.Refused refused(int status, String code, String message, Duration retryAfter,
            String passthroughBody) {
        return new ExecutionResult.Refused(status, code, message, retryAfter, passthroughBody, List.of(), null);
    }

    private static String errorText(UpstreamCall call) {
        try {
            return call.bodyText(MAX_ERROR_BYTES);
        } catch (IOException e) {
            return "";
        }
    }

    private static Ending refuse(Context ctx, ProtocolAdapter adapter, GatewayError error) {
        int status = adapter.errors().render(ctx, error);
        return Ending.refused(status, error.code(), error.message());
    }

    private static String apiKey(PlatformKey.Azure azure) {
        try {
            String key = azure.apiKey() == null ? null : azure.apiKey().get();
            return key == null || key.isBlank() ? null : key;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code <endpoint>/openai/v1} whether the stored URL ends at the resource, {@code /openai} or {@code /v1}. */
    static String v1Base(String baseUrl) {
        String base = baseUrl.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/openai/v1")) {
            return base;
        }
        return base.endsWith("/openai") ? base + "/v1" : base + "/openai/v1";
    }

    private static JsonObject parse(String text) {
        try {
            JsonElement e = Json.parse(text);
            return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }
}
