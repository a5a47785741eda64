package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.json.Json;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Errors in the OpenAI shape {@code {"error":{"message","type","code","param"}}}. */
final class OpenAiErrors {
    private OpenAiErrors() {
    }

    static void send(Context ctx, int status, String code, String message, Duration retryAfter) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", typeFor(status));
        error.put("code", code);
        error.put("param", null);
        if (retryAfter != null) {
            ctx.header("Retry-After", GatewayError.retryAfterSeconds(retryAfter));
        }
        ctx.status(status).contentType("application/json").result(Json.write(Map.of("error", error)));
    }

    static String typeFor(int status) {
        return switch (status) {
            case 400, 404, 413, 415 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
