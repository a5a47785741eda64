package com.codexmanager.testkit;

import com.codexmanager.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;

/** A JSON-RPC client for tests: {@link #call} returns the result or throws {@link RpcCallFailed}. */
public final class RpcTestClient {
    private final HttpClient http;
    private final URI uri;
    private final String token;
    private final AtomicLong ids = new AtomicLong();

    RpcTestClient(HttpClient http, URI uri, String token) {
        this.http = http;
        this.uri = uri;
        this.token = token;
    }

    /** A client for a service started elsewhere (e.g. the desktop's embedded one). */
    public static RpcTestClient of(String baseUrl, String token) {
        return new RpcTestClient(HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build(),
                URI.create(baseUrl + "/rpc"), token);
    }

    /** A JSON-RPC error answer, with its code, message and data. */
    public static final class RpcCallFailed extends RuntimeException {
        private final int code;
        private final JsonElement data;

        RpcCallFailed(int code, String message, JsonElement data) {
            super(code + " " + message);
            this.code = code;
            this.data = data;
        }

        public int code() {
            return code;
        }

        public JsonElement data() {
            return data;
        }
    }

    public JsonObject call(String method) {
        return call(method, new JsonObject());
    }

    public JsonObject call(String method, Object params) {
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", ids.incrementAndGet());
        request.addProperty("method", method);
        request.add("params", params instanceof JsonElement e ? e : Json.tree(params));
        HttpResponse<String> response = post(Json.write(request));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonObject body = Json.object(response.body());
        if (body.has("error")) {
            JsonObject error = body.getAsJsonObject("error");
            throw new RpcCallFailed(error.get("code").getAsInt(), error.get("message").getAsString(),
                    error.get("data"));
        }
        JsonElement result = body.get("result");
        return result.isJsonObject() ? result.getAsJsonObject() : wrap(result);
    }

    private static JsonObject wrap(JsonElement result) {
        JsonObject o = new JsonObject();
        o.add("value", result);
        return o;
    }

    /** Posts a raw body with the token and JSON content type. */
    public HttpResponse<String> post(String body) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-CodexManager-Rpc-Token", token).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri() {
        return uri;
    }

    public String token() {
        return token;
    }
}
