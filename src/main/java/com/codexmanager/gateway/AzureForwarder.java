package com.codexmanager.gateway;

import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.port.RequestRecorder;
import com.codexmanager.gateway.port.TraceStep;
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
 * answer — stream or JSON, success or Azure error — is relayed as it comes. Returns how the request ended.
 * Thread-safe.
 */
final class AzureForwarder {
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final UpstreamClient upstream;
    private final RequestRecorder recorder;

    AzureForwarder(UpstreamClient upstream, RequestRecorder recorder) {
        this.upstream = upstream;
        this.recorder = recorder;
    }

    Ending forward(Context ctx, String traceId, PlatformKey key, ProtocolAdapter adapter, JsonObject clientBody,
            boolean streams, String model) {
        PlatformKey.Azure azure = key.azure();
        if (azure == null || azure.baseUrl() == null || azure.baseUrl().isBlank()) {
            return refuse(ctx, adapter, GatewayError.of(400, "azure_endpoint_missing",
                    "this azure_openai key has no Azure endpoint configured"));
        }
        if (adapter.azurePath() == null) {
            return refuse(ctx, adapter, GatewayError.of(400, "unsupported_for_azure_key",
                    "azure_openai keys serve the Chat Completions and Responses routes only"));
        }
        String apiKey = apiKey(azure);
        if (apiKey == null) {
            return refuse(ctx, adapter, GatewayError.of(403, "azure_key_missing",
                    "the Azure api-key of this key is missing or cannot be opened"));
        }
        JsonObject body = clientBody.deepCopy();
        body.addProperty("model", model);
        URI uri = URI.create(v1Base(azure.baseUrl()) + "/" + adapter.azurePath());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("api-key", apiKey);
        headers.put("Accept", streams ? "text/event-stream" : "application/json");
        recorder.trace(traceId, TraceStep.AZURE_FORWARD, Map.of("host", uri.getHost(), "path", uri.getPath()));
        long start = System.nanoTime();
        try (UpstreamCall call = upstream.post(uri, headers, body.toString().getBytes(StandardCharsets.UTF_8))) {
            long firstByteMillis = (System.nanoTime() - start) / 1_000_000;
            return relay(ctx, adapter, call, streams, firstByteMillis);
        } catch (IOException e) {
            return refuse(ctx, adapter, GatewayError.of(502, "azure_unreachable",
                    "the Azure endpoint did not answer: " + e.getClass().getSimpleName()));
        }
    }

    private Ending relay(Context ctx, ProtocolAdapter adapter, UpstreamCall call, boolean streams,
            long firstByteMillis) throws IOException {
        int status = call.status();
        if (status < 200 || status >= 300) {
            String text = call.bodyText(MAX_ERROR_BYTES);
            JsonObject error = JsonFields.object(parse(text), "error");
            if (error != null) {
                ctx.status(status).contentType("application/json").result(text);
                return ending(status, errorCode(error, status), JsonFields.string(error, "message"),
                        firstByteMillis, ExecutionResult.Usage.NONE);
            }
            return refuse(ctx, adapter, GatewayError.of(status >= 500 ? 502 : status, "azure_error",
                    "the Azure endpoint answered HTTP " + status));
        }
        if (streams) {
            ctx.res().setStatus(200);
            ctx.res().setContentType(call.contentType().isEmpty() ? "text/event-stream" : call.contentType());
            ctx.res().setHeader("Cache-Control", "no-cache");
            String failure = copy(call.body(), ctx);
            if ("client_disconnected".equals(failure)) {
                // the client went away: drop the Azure stream at once instead of draining it
                call.cancel();
                return ending(499, failure, "the client closed the connection", firstByteMillis,
                        ExecutionResult.Usage.NONE);
            }
            return ending(200, failure, failure == null ? null : "the Azure stream broke", firstByteMillis,
                    ExecutionResult.Usage.NONE);
        }
        byte[] bytes = call.body().readAllBytes();
        ExecutionResult.Usage usage = usage(JsonFields.object(parse(new String(bytes, StandardCharsets.UTF_8)),
                "usage"));
        ctx.status(200).contentType("application/json").result(bytes);
        return ending(200, null, null, firstByteMillis, usage);
    }

    private static Ending ending(int status, String code, String message, long firstByteMillis,
            ExecutionResult.Usage usage) {
        return new Ending(status, java.util.List.of(), null, code, message, firstByteMillis, usage);
    }

    /**
     * Copies the Azure stream chunk by chunk. A stalled Azure stream ends at the upstream client's socket timeout.
     *
     * @return {@code null} when the stream ended normally, else the error code
     */
    private static String copy(InputStream in, Context ctx) {
        byte[] buffer = new byte[8192];
        OutputStream out;
        try {
            out = ctx.res().getOutputStream();
        } catch (IOException e) {
            return "client_disconnected";
        }
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                return "azure_stream_broken";
            }
            if (n < 0) {
                return null;
            }
            try {
                out.write(buffer, 0, n);
                out.flush();
            } catch (IOException e) {
                return "client_disconnected";
            }
        }
    }

    private Ending refuse(Context ctx, ProtocolAdapter adapter, GatewayError error) {
        int status = adapter.errors().render(ctx, error);
        return Ending.refused(status, error.code(), error.message());
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
