package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for an Azure OpenAI resource's v1 Responses API (codex-protocol.md §7):
 * {@code POST /openai/v1/responses} with an {@code api-key} header, the deployment name as {@code model}, the same
 * Responses event stream as the Codex backend (the {@link Scenario}s of the fake upstream: text, reasoning,
 * function calls, incomplete, failures, stalls, cuts) with usage, and Azure's own error bodies
 * ({@code {"error":{"code","message"}}}): 401 for a wrong key, 404 {@code DeploymentNotFound}, 429 with
 * {@code retry-after} and {@code retry-after-ms}, 400 {@code content_filter}. Never the internet.
 *
 * <p>Thread-safe; {@link #close()} ends stalls and stops the server.
 */
public final class FakeAzureOpenAi implements AutoCloseable {
    public static final String RESPONSES_PATH = "/openai/v1/responses";

    /** What the next call gets, besides a stream scenario. */
    public enum Fault { RATE_LIMITED, CONTENT_FILTER, SERVER_ERROR }

    /** One call: the api-key sent and the JSON body. */
    public record Call(String apiKey, JsonObject body) {
    }

    private final String apiKey;
    private final Set<String> deployments;
    private final FakeUpstreamOptions options;
    private final RequestLog log = new RequestLog();
    private final ShutdownSignal shutdown = new ShutdownSignal();
    private final SseScenarios scenarios;
    private final SseStreamer streamer;
    private final Deque<Object> script = new ArrayDeque<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong serial = new AtomicLong();
    private final Javalin app;

    private FakeAzureOpenAi(String apiKey, Set<String> deployments, FakeUpstreamOptions options) {
        this.apiKey = apiKey;
        this.deployments = Set.copyOf(deployments);
        this.options = options;
        this.scenarios = new SseScenarios(options);
        this.streamer = new SseStreamer(log, shutdown);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.routes.post(RESPONSES_PATH, this::responses);
        });
    }

    /**
     * @param apiKey      the resource key clients must send as {@code api-key}
     * @param deployments the deployment names served (others get 404 DeploymentNotFound)
     */
    public static FakeAzureOpenAi start(String apiKey, Set<String> deployments, FakeUpstreamOptions options) {
        FakeAzureOpenAi fake = new FakeAzureOpenAi(apiKey, deployments, options);
        fake.app.start("127.0.0.1", 0);
        return fake;
    }

    /** The resource endpoint, as an azure_openai key stores it: {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + app.port();
    }

    /** The next calls get these, in order (a {@link Scenario} that streams, or a {@link Fault}). */
    public synchronized FakeAzureOpenAi enqueue(Object... replies) {
        for (Object reply : replies) {
            if (!(reply instanceof Fault) && !(reply instanceof Scenario scenario && scenario.streams())) {
                throw new IllegalArgumentException("a streaming Scenario or a Fault: " + reply);
            }
            script.add(reply);
        }
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Streams being written right now. */
    public int openStreams() {
        return log.openStreams();
    }

    /** Streams that ended because the client hung up. */
    public int disconnects() {
        return log.disconnects();
    }

    private synchronized Object next() {
        return script.poll();
    }

    private void responses(Context ctx) {
        JsonObject body;
        try {
            body = Json.parseObject(ctx.body());
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "invalid_request_error", "Invalid JSON body");
            return;
        }
        calls.add(new Call(ctx.header("api-key"), body));
        if (!apiKey.equals(ctx.header("api-key"))) {
            error(ctx, 401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make "
                    + "sure to provide a valid key for an active subscription and use a correct regional API "
                    + "endpoint for your resource.");
            return;
        }
        String model = Json.string(body, "model");
        if (model == null || !deployments.contains(model)) {
            error(ctx, 404, "DeploymentNotFound", "The API deployment for this resource does not exist. If you "
                    + "created the deployment within the last 5 minutes, please wait a moment and try again.");
            return;
        }
        Object reply = next();
        if (reply instanceof Fault fault) {
            fault(ctx, fault);
            return;
        }
        Scenario scenario = reply instanceof Scenario queued ? queued : Scenario.TEXT;
        ResponseContext context = ResponseContext.of(body, serial.incrementAndGet(),
                Clock.systemUTC().instant().getEpochSecond(), options.replyText());
        streamer.stream(ctx, Map.of("x-request-id", "azure-req-" + context.serial(), "apim-request-id",
                "apim-" + context.serial()), scenarios.plan(scenario, context));
    }

    private static void fault(Context ctx, Fault fault) {
        switch (fault) {
            case RATE_LIMITED -> {
                ctx.header("retry-after", "6");
                ctx.header("retry-after-ms", "6000");
                error(ctx, 429, "429", "Requests to the Responses_Create Operation under Azure OpenAI API version "
                        + "v1 have exceeded token rate limit of your current AIServices S0 pricing tier. Please "
                        + "retry after 6 seconds.");
            }
            case CONTENT_FILTER -> error(ctx, 400, "content_filter", "The response was filtered due to the prompt "
                    + "triggering Azure OpenAI's content management policy.");
            case SERVER_ERROR -> error(ctx, 500, "InternalServerError", "The server had an error while processing "
                    + "your request. Sorry about that!");
        }
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/json")
                .result(Json.write(Json.obj("error", Json.obj("code", code, "message", message))));
    }

    @Override
    public void close() {
        shutdown.trigger();
        app.stop();
    }
}
