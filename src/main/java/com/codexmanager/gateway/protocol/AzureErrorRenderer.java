package com.codexmanager.gateway.protocol;

import com.google.gson.JsonObject;
import io.javalin.http.Context;

/**
 * Errors for the Azure-style routes: {@code {"error":{"code","message","type","param","status"}}}, the envelope
 * Azure OpenAI answers with (OpenAI SDK clients read {@code error.message} from it). Stateless.
 */
public final class AzureErrorRenderer implements ErrorRenderer {
    public static final AzureErrorRenderer INSTANCE = new AzureErrorRenderer();

    private AzureErrorRenderer() {
    }

    @Override
    public int render(Context ctx, GatewayError error) {
        JsonObject body = new JsonObject();
        body.addProperty("code", error.code());
        body.addProperty("message", error.message());
        body.addProperty("type", OpenAiErrorRenderer.typeFor(error.status()));
        body.add("param", com.google.gson.JsonNull.INSTANCE);
        body.addProperty("status", error.status());
        JsonObject envelope = new JsonObject();
        envelope.add("error", body);
        OpenAiErrorRenderer.retryAfter(ctx, error);
        ctx.status(error.status()).contentType("application/json").result(envelope.toString());
        return error.status();
    }
}
