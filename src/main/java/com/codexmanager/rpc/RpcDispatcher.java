package com.codexmanager.rpc;

import com.codexmanager.json.Json;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0 processing of parsed request bodies: single calls, batches and notifications.
 *
 * <p>Domain failures ({@link RpcException}) become {@code error} members with their code; any other exception
 * becomes -32603 with a generic message and is logged (without params, which may carry secrets). Thread-safe.
 */
public final class RpcDispatcher {
    private static final Logger log = LoggerFactory.getLogger(RpcDispatcher.class);

    private final RpcRegistry registry;

    public RpcDispatcher(RpcRegistry registry) {
        this.registry = registry;
    }

    /**
     * Processes a request body. Returns the response to send, or empty when nothing is to be sent (only
     * notifications).
     */
    public Optional<JsonElement> dispatch(JsonElement body) {
        if (body.isJsonArray()) {
            JsonArray batch = body.getAsJsonArray();
            if (batch.isEmpty()) {
                return Optional.of(error(JsonNull.INSTANCE, RpcErrorCode.INVALID_REQUEST, "empty batch", null));
            }
            JsonArray responses = new JsonArray();
            for (JsonElement call : batch) {
                handleOne(call).ifPresent(responses::add);
            }
            return responses.isEmpty() ? Optional.empty() : Optional.of(responses);
        }
        return handleOne(body);
    }

    /** Runs one method directly (the in-process client of the desktop uses this). */
    public Object call(String method, JsonObject params) {
        RpcMethod m = registry.find(method)
                .orElseThrow(() -> new RpcException(RpcErrorCode.METHOD_NOT_FOUND, "unknown method: " + method));
        checkParams(m, params);
        return m.handler().handle(new RpcParams(params));
    }

    private Optional<JsonElement> handleOne(JsonElement call) {
        if (!call.isJsonObject()) {
            return Optional.of(error(JsonNull.INSTANCE, RpcErrorCode.INVALID_REQUEST, "request must be an object",
                    null));
        }
        JsonObject request = call.getAsJsonObject();
        boolean notification = !request.has("id");
        JsonElement id = notification ? JsonNull.INSTANCE : request.get("id");
        String problem = requestProblem(request);
        if (problem != null) {
            return Optional.of(error(validId(id) ? id : JsonNull.INSTANCE, RpcErrorCode.INVALID_REQUEST, problem,
                    null));
        }
        String method = request.get("method").getAsString();
        JsonElement params = request.get("params");
        JsonObject paramObject = params == null || params.isJsonNull() ? new JsonObject() : params.getAsJsonObject();
        try {
            Object result = call(method, paramObject);
            if (notification) {
                return Optional.empty();
            }
            JsonObject response = envelope(id);
            response.add("result", result == null ? new JsonObject() : Json.tree(result));
            return Optional.of(response);
        } catch (RpcException e) {
            return notification ? Optional.empty() : Optional.of(error(id, e.code(), e.getMessage(), e.data()));
        } catch (RuntimeException e) {
            log.error("RPC method {} failed", method, e);
            return notification ? Optional.empty()
                    : Optional.of(error(id, RpcErrorCode.INTERNAL_ERROR, "internal error in " + method, null));
        }
    }

    private static String requestProblem(JsonObject request) {
        JsonElement version = request.get("jsonrpc");
        if (version != null && !(version.isJsonPrimitive() && "2.0".equals(version.getAsString()))) {
            return "jsonrpc must be \"2.0\"";
        }
        if (request.has("id") && !validId(request.get("id"))) {
            return "id must be a string, a number or null";
        }
        JsonElement method = request.get("method");
        if (method == null || !method.isJsonPrimitive() || !method.getAsJsonPrimitive().isString()) {
            return "method must be a string";
        }
        JsonElement params = request.get("params");
        if (params != null && !params.isJsonNull() && !params.isJsonObject()) {
            return "params must be an object (by-name parameters)";
        }
        return null;
    }

    private static boolean validId(JsonElement id) {
        return id.isJsonNull() || id.isJsonPrimitive() && !id.getAsJsonPrimitive().isBoolean();
    }

    private static void checkParams(RpcMethod method, JsonObject params) {
        for (RpcParam p : method.params()) {
            JsonElement value = params.get(p.name());
            if (value == null || value.isJsonNull()) {
                if (p.required()) {
                    throw RpcException.invalidParams(p.name(), "is required");
                }
                continue;
            }
            if (!matches(p.type(), value)) {
                throw RpcException.invalidParams(p.name(), "must be " + article(p.type()));
            }
        }
    }

    private static boolean matches(String type, JsonElement value) {
        return switch (type) {
            case "string" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
            case "integer" -> RpcParams.isInteger(value);
            case "number" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
            case "boolean" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean();
            case "object" -> value.isJsonObject();
            case "array" -> value.isJsonArray();
            default -> true;
        };
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "object", "array" -> "an " + type;
            default -> "a " + type;
        };
    }

    private static JsonObject envelope(JsonElement id) {
        JsonObject response = new JsonObject();
        response.add("jsonrpc", new JsonPrimitive("2.0"));
        response.add("id", id);
        return response;
    }

    /** A complete JSON-RPC error response. */
    public static JsonObject error(JsonElement id, RpcErrorCode code, String message, JsonElement data) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code.code());
        error.addProperty("message", message);
        if (data != null) {
            error.add("data", data);
        }
        JsonObject response = envelope(id);
        response.add("error", error);
        return response;
    }
}
