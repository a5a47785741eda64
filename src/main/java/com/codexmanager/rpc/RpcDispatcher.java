package com.codexmanager.rpc;

import com.codexmanager.json.Json;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0 processing of parsed request bodies: single calls, batches and notifications.
 *
 * <p>Parameters are checked against the method's declaration before its handler runs: an undeclared name, a missing
 * required one or a wrong JSON type is -32602 naming the field. Domain failures ({@link RpcException}) become
 * {@code error} members with their code; any other exception
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
        rejectUnknown(method, params);
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

    /**
     * A misspelt name must not be dropped without a word (that is how a caller once lost a key's group and expiry), so
     * every name a method does not declare is refused, unless it declares a wildcard ({@link RpcParam#isWildcard}).
     */
    private static void rejectUnknown(RpcMethod method, JsonObject params) {
        if (method.params().stream().anyMatch(RpcParam::isWildcard)) {
            return;
        }
        Set<String> known = new LinkedHashSet<>();
        method.params().forEach(p -> known.add(p.name()));
        List<String> unknown = params.keySet().stream().filter(name -> !known.contains(name)).sorted().toList();
        if (unknown.isEmpty()) {
            return;
        }
        String knownText = known.isEmpty() ? "none" : String.join(", ", known);
        String message = (unknown.size() == 1 ? "unknown parameter " : "unknown parameters ")
                + String.join(", ", unknown) + " for " + method.name() + "; known parameters: " + knownText;
        JsonObject data = new JsonObject();
        data.addProperty("field", unknown.get(0));
        data.add("unknown", Json.tree(unknown));
        data.add("known", Json.tree(List.copyOf(known)));
        throw new RpcException(RpcErrorCode.INVALID_PARAMS, message, data);
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
