package com.codexmanager.gateway.anthropic;

import com.codexmanager.gateway.protocol.ErrorRenderer;
import com.codexmanager.gateway.protocol.GatewayError;
import com.google.gson.JsonObject;
import io.javalin.http.Context;

/**
 * Errors as Anthropic clients expect them (codex-protocol.md §6.5): {@code {"type":"error","error":{"type",
 * "message"}}}; 503 (overloaded or cooling down) becomes {@code 529 overloaded_error}, 429 carries
 * {@code retry-after}, a key's own limit is {@code error.type: key_limit_exceeded}, and a context-length failure
 * says "prompt is too long" (the wording Claude Code reacts to).
 * Stateless.
 */
public final class AnthropicErrors implements ErrorRenderer {
    public static final AnthropicErrors INSTANCE = new AnthropicErrors();
    /**
     * Gateway refusals Anthropic has no type for, sent with their code as {@code error.type} (SDKs pick the
     * exception by the status, so a 429 stays a rate-limit error for them).
     */
    private static final java.util.Set<String> OWN_TYPES = java.util.Set.of("key_limit_exceeded");

    private AnthropicErrors() {
    }

    @Override
    public int render(Context ctx, GatewayError error) {
        int status = error.status() == 503 ? 529 : error.status();
        String message = "context_length_exceeded".equals(error.code())
                ? "prompt is too long: " + error.message() : error.message();
        JsonObject body = new JsonObject();
        body.addProperty("type", OWN_TYPES.contains(error.code()) ? error.code() : typeFor(status));
        body.addProperty("message", message);
        JsonObject envelope = new JsonObject();
        envelope.addProperty("type", "error");
        envelope.add("error", body);
        if (error.retryAfter() != null) {
            ctx.header("retry-after", GatewayError.retryAfterSeconds(error.retryAfter()));
        }
        ctx.status(status).contentType("application/json").result(envelope.toString());
        return status;
    }

    static String typeFor(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
