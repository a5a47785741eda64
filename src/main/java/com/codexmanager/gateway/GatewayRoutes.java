package com.codexmanager.gateway;

import com.codexmanager.gateway.anthropic.AnthropicAdapter;
import com.codexmanager.gateway.chat.ChatAdapter;
import com.codexmanager.gateway.protocol.AzureErrorRenderer;
import com.codexmanager.gateway.protocol.ErrorRenderer;
import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.gateway.protocol.OpenAiErrorRenderer;
import com.codexmanager.gateway.protocol.ProtocolAdapter;
import com.codexmanager.gateway.protocol.ResponsesAdapter;
import com.codexmanager.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;

/** The gateway's HTTP routes; paths only (query strings such as {@code ?beta=true} are ignored by routing). */
final class GatewayRoutes {
    private static final ProtocolAdapter RESPONSES = new ResponsesAdapter(false, OpenAiErrorRenderer.INSTANCE);
    private static final ProtocolAdapter COMPACT = new ResponsesAdapter(true, OpenAiErrorRenderer.INSTANCE);
    private static final ProtocolAdapter CHAT = new ChatAdapter(OpenAiErrorRenderer.INSTANCE);
    private static final ProtocolAdapter AZURE_RESPONSES = new ResponsesAdapter(false, AzureErrorRenderer.INSTANCE);
    private static final ProtocolAdapter AZURE_CHAT = new ChatAdapter(AzureErrorRenderer.INSTANCE);
    private static final ProtocolAdapter MESSAGES = new AnthropicAdapter();

    private final AdapterHandler handler;
    private final ModelsHandler models;
    private final CountTokensHandler countTokens;

    GatewayRoutes(AdapterHandler handler, CountTokensHandler countTokens, ModelsHandler models) {
        this.handler = handler;
        this.countTokens = countTokens;
        this.models = models;
    }

    void register(RoutesConfig r) {
        r.head("/", ctx -> ctx.status(200));
        r.get("/", ctx -> ctx.contentType("application/json")
                .result(Json.write(Map.of("service", "codexmanager", "status", "ok"))));
        r.post("/v1/responses", ctx -> handler.handle(ctx, RESPONSES, null));
        r.post("/v1/responses/compact", ctx -> handler.handle(ctx, COMPACT, null));
        r.post("/v1/chat/completions", ctx -> handler.handle(ctx, CHAT, null));
        r.post("/v1/messages", ctx -> handler.handle(ctx, MESSAGES, null));
        r.post("/v1/messages/count_tokens", countTokens::handle);
        r.post("/openai/deployments/{deployment}/chat/completions",
                ctx -> handler.handle(ctx, AZURE_CHAT, ctx.pathParam("deployment")));
        r.post("/openai/deployments/{deployment}/responses",
                ctx -> handler.handle(ctx, AZURE_RESPONSES, ctx.pathParam("deployment")));
        r.post("/openai/v1/chat/completions", ctx -> handler.handle(ctx, AZURE_CHAT, null));
        r.post("/openai/v1/responses", ctx -> handler.handle(ctx, AZURE_RESPONSES, null));
        r.post("/openai/responses", ctx -> handler.handle(ctx, AZURE_RESPONSES, null));
        r.get("/v1/models", models::list);
        r.get("/v1/models/{id}", models::one);
        r.addHttpHandler(HandlerType.GET, "/v1/*", ctx -> notFound(ctx, OpenAiErrorRenderer.INSTANCE));
        r.addHttpHandler(HandlerType.POST, "/v1/*", ctx -> notFound(ctx, OpenAiErrorRenderer.INSTANCE));
        r.addHttpHandler(HandlerType.GET, "/openai/*", ctx -> notFound(ctx, AzureErrorRenderer.INSTANCE));
        r.addHttpHandler(HandlerType.POST, "/openai/*", ctx -> notFound(ctx, AzureErrorRenderer.INSTANCE));
    }

    private static void notFound(Context ctx, ErrorRenderer errors) {
        errors.render(ctx, GatewayError.of(404, "unknown_url", "unknown route: " + ctx.method() + " " + ctx.path()));
    }
}
