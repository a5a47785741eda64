package com.codexmanager.cli;

import com.codexmanager.json.Json;
import com.codexmanager.rpc.RpcToken;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blocking JSON-RPC calls to one running service, for the operator commands. Every call has a timeout; failures are
 * {@link CliFailure}s whose message says what to do (start the service, check the token) or carries the service's
 * own error, e.g. a refused parameter. {@link #toString()} hides the token. Thread-safe.
 */
public final class RpcConnection {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** A JSON-RPC error answer from the service. */
    public static final class ServiceError extends RuntimeException {
        private final int code;
        private final transient JsonElement data;

        ServiceError(int code, String message, JsonElement data) {
            super(message);
            this.code = code;
            this.data = data;
        }

        public int code() {
            return code;
        }

        /** {@code error.data}, or {@code null}. */
        public JsonElement data() {
            return data;
        }
    }

    private final String baseUrl;
    private final String token;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    public RpcConnection(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** {@code http://host:port} of the service. */
    public String baseUrl() {
        return baseUrl;
    }

    public JsonObject call(String method, JsonObject params) {
        return call(method, params, DEFAULT_TIMEOUT);
    }

    /**
     * Calls {@code method} and returns its {@code result} (a non-object result is wrapped as {@code {"value": …}}).
     *
     * @throws ServiceError on a JSON-RPC error answer
     * @throws CliFailure   when the service cannot be reached, refuses the token or does not speak JSON-RPC
     */
    public JsonObject call(String method, JsonObject params, Duration timeout) {
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", ids.incrementAndGet());
        request.addProperty("method", method);
        request.add("params", params);
        HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(baseUrl + "/rpc")).timeout(timeout)
                .header("Content-Type", "application/json").header(RpcToken.HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request))).build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CliFailure(CliFailure.FAILED, "the service at " + baseUrl + " did not answer " + method
                    + " within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot reach the service at " + baseUrl + " (" + reason(e)
                    + "). Is it running? Start it with 'codexmanager serve', or point to it with --service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.FAILED, "interrupted", e);
        }
        return parse(method, response);
    }

    private JsonObject parse(String method, HttpResponse<String> response) {
        if (response.statusCode() == 401) {
            throw new CliFailure(CliFailure.FAILED, "the service at " + baseUrl + " refused the RPC token; give "
                    + "the right one with --token or CODEXMANAGER_RPC_TOKEN (the service keeps it in "
                    + "<data dir>/codexmanager.rpc-token)");
        }
        JsonObject body;
        try {
            body = Json.object(response.body());
        } catch (JsonParseException | IllegalStateException e) {
            throw new CliFailure(CliFailure.FAILED, baseUrl + " answered " + method + " with HTTP "
                    + response.statusCode() + " and no JSON-RPC body: is it a CodexManager service?", e);
        }
        if (body.has("error") && body.get("error").isJsonObject()) {
            JsonObject error = body.getAsJsonObject("error");
            int code = error.has("code") ? error.get("code").getAsInt() : 0;
            String message = error.has("message") ? error.get("message").getAsString() : "error " + code;
            throw new ServiceError(code, message, error.get("data"));
        }
        JsonElement result = body.get("result");
        if (result != null && result.isJsonObject()) {
            return result.getAsJsonObject();
        }
        JsonObject wrapped = new JsonObject();
        wrapped.add("value", result);
        return wrapped;
    }

    private static String reason(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public String toString() {
        return "RpcConnection[" + baseUrl + ", token=***]";
    }
}
