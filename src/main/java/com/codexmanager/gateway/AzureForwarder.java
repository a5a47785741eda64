package com.codexmanager.gateway;

import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.protocol.GatewayError;
import com.codexmanager.gateway.protocol.JsonFields;
import com.codexmanager.gateway.protocol.ProtocolAdapter;
import com.codexmanager.gateway.upstream.UpstreamCall;
import com.codexmanager.gateway.upstream.UpstreamClient;
import com.codexmanager.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves a request of an {@code azure_openai} key from that key's own Azure OpenAI resource instead of the pool:
 * the client's body (model set to the resolved model, i.e. the deployment) goes to the resource's v1 API
 * ({@code /openai/v1/chat/completions} or {@code /openai/v1/responses}) with the key's {@code api-key}, and the
 * answer — stream or JSON, success or Azure error — is relayed as it comes. Fills the request log. Thread-safe.
 */
final class AzureForwarder {
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final UpstreamClient upstream;
    private final RequestRecorder recorder;

    AzureForwarder(UpstreamClient upstream, RequestRecorder recorder) {
        this.upstream = upstream;
        this.recorder = recorder;
    }

    void forward(Context ctx, RequestLog log, PlatformKey key, ProtocolAdapter adapter, JsonObject clientBody,
            boolean streams, String model) {
        PlatformKey.Azure azure = key.azure();
        if (azure == null || azure.baseUrl() == null || azure.baseUrl().isBlank()) {
            refuse(ctx, log, adapter, GatewayError.of(400, "azure_endpoint_missing",
                    "this azure_openai key has no Azure endpoint configured"));
            return;
        }
        if (adapter.azurePath() == null) {
            refuse(ctx, log, adapter, GatewayError.of(400, "unsupported_for_azure_key",
                    "azure_openai keys serve the Chat Completions and Responses routes only"));
            return;
        }
        String apiKey = apiKey(azure);
        if (apiKey == null) {
            refuse(ctx, log, adapter, GatewayError.of(403, "azure_key_missing",
                    "the Azure api-key of this key is missing or cannot be opened"));
            return;
        }
        JsonObject body = clientBody.deepCopy();
        body.addProperty("model", model);
        URI uri = URI.create(v1Base(azure.baseUrl()) + "/" + adapter.azurePath());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("api-key", apiKey);
        headers.put("Accept", streams ? "text/event-stream" : "application/json");
        recorder.trace(log.traceId, "AZURE_FORWARD", Map.of("host", uri.getHost(), "path", uri.getPath()));
        long start = System.nanoTime();
        try (UpstreamCall call = upstream.post(uri, headers, body.toString().getBytes(StandardCharsets.UTF_8))) {
            log.firstByteMillis = (System.nanoTime() - start) / 1_000_000;
            relay(ctx, log, adapter, call, streams);
        } catch (IOException e) {
            refuse(ctx, log, adapter, GatewayError.of(502, "azure_unreachable",
                    "the Azure endpoint did not answer: " + e.getClass().getSimpleName()));
        }
    }

    private void relay(Context ctx, RequestLog log, ProtocolAdapter adapter, UpstreamCall call, boolean streams)
            throws IOException {
        int status = call.status();
        if (status < 200 || status >= 300) {
            String text = call.bodyText(MAX_ERROR_BYTES);
            JsonObject error = JsonFields.object(parse(text), "error");
            if (error != null) {
                log.status = status;
                log.error(errorCode(error, status), JsonFields.string(error, "message"));
                ctx.status(status).contentType("application/json").result(text);
                return;
            }
            refuse(ctx, log, adapter, GatewayError.of(status >= 500 ? 502 : status, "azure_error",
                    "the Azure endpoint answered HTTP " + status));
            return;
        }
        log.status = 200;
        if (streams) {
            ctx.res().setStatus(200);
            ctx.res().setContentType(call.contentType().isEmpty() ? "text/event-stream" : call.contentType());
            ctx.res().setHeader("Cache-Control", "no-cache");
            copy(call.body(), ctx, log);
            return;
        }
        byte[] bytes = call.body().readAllBytes();
        log.usage = usage(JsonFields.object(parse(new String(bytes, StandardCharsets.UTF_8)), "usage"));
        ctx.status(200).contentType("application/json").result(bytes);
    }

    private static void copy(InputStream in, Context ctx, RequestLog log) {
        byte[] buffer = new byte[8192];
        try {
            OutputStream out = ctx.res().getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            log.error("client_disconnected", "the stream to or from Azure broke");
        }
    }

    private void refuse(Context ctx, RequestLog log, ProtocolAdapter adapter, GatewayError error) {
        log.error(error.code(), error.message());
        log.status = adapter.errors().render(ctx, error);
    }

    private static String apiKey(PlatformKey.Azure azure) {
        try {
            String key = azure.apiKey() == null ? null : azure.apiKey().get();
            return key == null || key.isBlank() ? null : key;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code <endpoint>/openai/v1} whether the stored URL ends at the resource, {@code /openai} or {@code /v1}. */
    static String v1Base(String baseUrl) {
        String base = baseUrl.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/openai/v1")) {
            return base;
        }
        return base.endsWith("/openai") ? base + "/v1" : base + "/openai/v1";
    }

    private static String errorCode(JsonObject error, int status) {
        String code = JsonFields.string(error, "code");
        return code == null ? "azure_http_" + status : code;
    }

    private static ExecutionResult.Usage usage(JsonObject usage) {
        if (usage == null) {
            return ExecutionResult.Usage.NONE;
        }
        Long input = number(usage, "prompt_tokens", number(usage, "input_tokens", null));
        Long output = number(usage, "completion_tokens", number(usage, "output_tokens", null));
        return new ExecutionResult.Usage(input, null, output, null);
    }

    private static Long number(JsonObject o, String name, Long fallback) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? Long.valueOf(e.getAsLong()) : fallback;
    }

    private static JsonObject parse(String text) {
        try {
            JsonElement e = Json.parse(text);
            return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
