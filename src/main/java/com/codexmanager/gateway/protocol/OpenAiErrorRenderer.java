package com.codexmanager.gateway.protocol;

import com.codexmanager.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
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
        if (passesThrough(upstream)) {
            ctx.status(error.status()).contentType("application/json").result(upstream);
            return error.status();
        }
        retryAfter(ctx, error);
        ctx.status(error.status()).contentType("application/json").result(envelope(error).toString());
        return error.status();
    }

    /**
     * The {@code {"error":{…}}} body of {@code error}: the upstream's own when it sent one in this shape, else
     * built from the status, code and message.
     */
    public static JsonObject envelope(GatewayError error) {
        if (passesThrough(error.upstreamBody())) {
            try {
                JsonElement upstream = Json.parse(error.upstreamBody());
                if (upstream != null && upstream.isJsonObject()
                        && upstream.getAsJsonObject().get("error") instanceof JsonObject) {
                    return upstream.getAsJsonObject();
                }
            } catch (JsonParseException e) {
                // not JSON after all: build the body ourselves
            }
        }
        JsonObject body = new JsonObject();
        body.addProperty("message", error.message());
        body.addProperty("type", typeFor(error.status()));
        body.addProperty("code", error.code());
        body.add("param", JsonNull.INSTANCE);
        JsonObject envelope = new JsonObject();
        envelope.add("error", body);
        return envelope;
    }

    private static boolean passesThrough(String upstream) {
        return upstream != null && upstream.trim().startsWith("{") && upstream.contains("\"error\"");
    }

    static void retryAfter(Context ctx, GatewayError error) {
        if (error.retryAfter() != null) {
            ctx.header("Retry-After", GatewayError.retryAfterSeconds(error.retryAfter()));
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
