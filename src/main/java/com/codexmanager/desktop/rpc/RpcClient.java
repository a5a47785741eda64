package com.codexmanager.desktop.rpc;

import com.codexmanager.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * JSON-RPC over HTTP to the service's {@code /rpc}, the only way the desktop talks to the service. Every call is
 * asynchronous (never blocks the caller), has an explicit timeout, and can be cancelled by cancelling the returned
 * future (its result is then dropped). Failures complete the future with {@link RpcCallException}.
 *
 * <p>The endpoint is read on every call, so a restarted service on a new port is picked up. Thread-safe; share one
 * instance and {@link #close()} it when the app quits.
 */
public final class RpcClient implements AutoCloseable {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<RpcEndpoint> endpoint;
    private final ExecutorService executor;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    public RpcClient(Supplier<RpcEndpoint> endpoint) {
        this.endpoint = endpoint;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "desktop-rpc-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).executor(executor)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public RpcEndpoint endpoint() {
        return endpoint.get();
    }

    public CompletableFuture<JsonObject> call(RpcCall call) {
        return call(call, new JsonObject(), DEFAULT_TIMEOUT);
    }

    public CompletableFuture<JsonObject> call(RpcCall call, JsonObject params) {
        return call(call, params, DEFAULT_TIMEOUT);
    }

    /**
     * Calls {@code call}; the future completes with the {@code result} object (a non-object result is wrapped as
     * {@code {"value": …}}) or fails with {@link RpcCallException}.
     *
     * @throws IllegalArgumentException when {@code params} holds a name {@code call} does not declare: a desktop bug,
     *                                  refused before anything is sent
     */
    public CompletableFuture<JsonObject> call(RpcCall call, JsonObject params, Duration timeout) {
        for (String name : params.keySet()) {
            if (!call.accepts(name)) {
                throw new IllegalArgumentException(call.method() + " does not declare the parameter " + name);
            }
        }
        String method = call.method();
        RpcEndpoint target = endpoint.get();
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", ids.incrementAndGet());
        request.addProperty("method", method);
        request.add("params", params);
        HttpRequest httpRequest = HttpRequest.newBuilder(target.rpcUri()).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(com.codexmanager.rpc.RpcToken.HEADER, target.token())
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request))).build();
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(
                    new RpcCallException(RpcCallException.Kind.UNREACHABLE, method + ": " + e.getMessage(), e));
        }
        CompletableFuture<JsonObject> result = sent.handle((response, error) -> {
            if (error != null) {
                throw translate(method, target, error);
            }
            return parse(method, response);
        });
        // Cancelling the caller's future also abandons the HTTP exchange.
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                sent.cancel(true);
            }
        });
        return result;
    }

    private static RuntimeException translate(String method, RpcEndpoint target, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return new RpcCallException(RpcCallException.Kind.TIMEOUT,
                    method + ": no answer from " + target.baseUrl() + " in time", cause);
        }
        if (cause instanceof ConnectException || cause instanceof ClosedChannelException
                || cause instanceof IOException) {
            return new RpcCallException(RpcCallException.Kind.UNREACHABLE,
                    method + ": cannot reach " + target.baseUrl(), cause);
        }
        return new RpcCallException(RpcCallException.Kind.PROTOCOL, method + ": " + cause.getClass().getSimpleName(),
                cause);
    }

    private static JsonObject parse(String method, HttpResponse<String> response) {
        if (response.statusCode() == 401) {
            throw new RpcCallException(RpcCallException.Kind.UNAUTHORIZED, 401,
                    "the service refused the RPC token", null, null);
        }
        JsonObject body;
        try {
            body = Json.object(response.body());
        } catch (JsonParseException | IllegalStateException e) {
            throw new RpcCallException(RpcCallException.Kind.PROTOCOL,
                    method + ": HTTP " + response.statusCode() + " without a JSON-RPC body", e);
        }
        if (body.has("error") && body.get("error").isJsonObject()) {
            throw error(body.getAsJsonObject("error"));
        }
        JsonElement result = body.get("result");
        if (result == null) {
            throw new RpcCallException(RpcCallException.Kind.PROTOCOL, method + ": answer has no result", null);
        }
        if (result.isJsonObject()) {
            return result.getAsJsonObject();
        }
        JsonObject wrapped = new JsonObject();
        wrapped.add("value", result);
        return wrapped;
    }

    private static RpcCallException error(JsonObject error) {
        int code = error.has("code") ? error.get("code").getAsInt() : 0;
        String message = error.has("message") ? error.get("message").getAsString() : "error " + code;
        String field = null;
        JsonElement data = error.get("data");
        if (data != null && data.isJsonObject() && data.getAsJsonObject().has("field")) {
            field = data.getAsJsonObject().get("field").getAsString();
        }
        RpcCallException.Kind kind = switch (code) {
            case -32601 -> RpcCallException.Kind.METHOD_NOT_FOUND;
            case -32602 -> RpcCallException.Kind.INVALID_PARAMS;
            case -32001 -> RpcCallException.Kind.UNAUTHORIZED;
            default -> RpcCallException.Kind.SERVICE_ERROR;
        };
        return new RpcCallException(kind, code, message, field, null);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
