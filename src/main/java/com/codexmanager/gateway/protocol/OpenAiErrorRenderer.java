package com.codexmanager.gateway.protocol;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.javalin.http.Context;

/**
 * Errors in the OpenAI shape {@code {"error":{"message","type","code","param"}}}; an upstream request error that
 * is already in that shape is passed through unchanged. Stateless.
 */
public final class OpenAiErrorRenderer implements ErrorRenderer {
    public static final OpenAiErrorRenderer INSTANCE = new OpenAiErrorRenderer();

    private OpenAiErrorRenderer() {
    }

    @Override
    public int render(Context ctx, GatewayError error) {
        String upstream = error.upstreamBody();
        if (upstream != null && upstream.trim().startsWith("{") && upstream.contains("\"error\"")) {
            ctx.status(error.status()).contentType("application/json").result(upstream);
            return error.status();
        }
        JsonObject body = new JsonObject();
        body.addProperty("message", error.message());
        body.addProperty("type", typeFor(error.status()));
        body.addProperty("code", error.code());
        body.add("param", JsonNull.INSTANCE);
        JsonObject envelope = new JsonObject();
        envelope.add("error", body);
        retryAfter(ctx, error);
        ctx.status(error.status()).contentType("application/json").result(envelope.toString());
        return error.status();
    }

    static void retryAfter(Context ctx, GatewayError error) {
        if (error.retryAfter() != null) {
            ctx.header("Retry-After", Long.toString(Math.max(1, error.retryAfter().toSeconds() + 1)));
        }
    }

    /** The OpenAI {@code error.type} for an HTTP status. */
    public static String typeFor(int status) {
        return switch (status) {
            case 400, 404, 413, 415 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
