package com.codexmanager.gateway;

import io.javalin.config.RoutesConfig;
import java.util.Map;

/** The gateway's HTTP routes; paths only (query strings are ignored by routing). */
final class GatewayRoutes {
    private final ResponsesHandler responses;
    private final ModelsHandler models;
    private final MetricsHandler metrics;

    GatewayRoutes(ResponsesHandler responses, ModelsHandler models, MetricsHandler metrics) {
        this.responses = responses;
        this.models = models;
        this.metrics = metrics;
    }

    void register(RoutesConfig r) {
        r.head("/", ctx -> ctx.status(200));
        r.get("/", ctx -> ctx.contentType("application/json")
                .result(com.codexmanager.json.Json.write(Map.of("service", "codexmanager", "status", "ok"))));
        r.post("/v1/responses", ctx -> responses.handle(ctx, false));
        r.post("/v1/responses/compact", ctx -> responses.handle(ctx, true));
        r.get("/metrics", metrics::handle);
        r.get("/v1/models", models::list);
        r.get("/v1/models/{id}", models::one);
        r.addHttpHandler(io.javalin.http.HandlerType.GET, "/v1/*", ctx -> notFound(ctx));
        r.addHttpHandler(io.javalin.http.HandlerType.POST, "/v1/*", ctx -> notFound(ctx));
    }

    private static void notFound(io.javalin.http.Context ctx) {
        OpenAiErrors.send(ctx, 404, "unknown_url", "unknown route: " + ctx.method() + " " + ctx.path(), null);
    }
}
