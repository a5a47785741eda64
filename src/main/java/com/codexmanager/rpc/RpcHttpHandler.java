package com.codexmanager.rpc;

import com.codexmanager.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParseException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /rpc}: the transport checks, then the dispatcher. Order of checks: method (405), browser origin
 * (403), token (401), content type (415), size (413), JSON syntax (400 with -32700). Every error body is a JSON-RPC
 * error object. Thread-safe.
 */
public final class RpcHttpHandler {
    private final RpcDispatcher dispatcher;
    private final RpcToken token;
    private final long maxBodyBytes;

    public RpcHttpHandler(RpcDispatcher dispatcher, RpcToken token, long maxBodyBytes) {
        this.dispatcher = dispatcher;
        this.token = token;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void handle(Context ctx) {
        if (!"POST".equals(ctx.method().name())) {
            ctx.header("Allow", "POST");
            reject(ctx, 405, RpcErrorCode.INVALID_REQUEST, "method not allowed: use POST");
            return;
        }
        if (isCrossSiteBrowserRequest(ctx)) {
            reject(ctx, 403, RpcErrorCode.FORBIDDEN, "cross-origin requests are not allowed");
            return;
        }
        if (!token.matches(ctx.header(RpcToken.HEADER))) {
            reject(ctx, 401, RpcErrorCode.UNAUTHORIZED, "missing or invalid " + RpcToken.HEADER);
            return;
        }
        if (!isJson(ctx.header("Content-Type"))) {
            reject(ctx, 415, RpcErrorCode.INVALID_REQUEST, "Content-Type must be application/json");
            return;
        }
        Optional<String> body = readBody(ctx);
        if (body.isEmpty()) {
            reject(ctx, 413, RpcErrorCode.INVALID_REQUEST, "request body exceeds " + maxBodyBytes + " bytes");
            return;
        }
        JsonElement request;
        try {
            request = Json.parse(body.get());
        } catch (JsonParseException e) {
            reject(ctx, 400, RpcErrorCode.PARSE_ERROR, "parse error: the body is not valid JSON");
            return;
        }
        Optional<JsonElement> response = dispatcher.dispatch(request);
        if (response.isEmpty()) {
            ctx.status(204);
            return;
        }
        ctx.status(200).contentType("application/json").result(Json.write(response.get()));
    }

    static boolean isCrossSiteBrowserRequest(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && fetchSite.trim().equalsIgnoreCase("cross-site")) {
            return true;
        }
        String origin = ctx.header("Origin");
        return origin != null && !isLoopbackOrigin(origin.trim());
    }

    static boolean isLoopbackOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean loopbackHost = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                    || host.equals("::1");
            return (scheme.equals("http") || scheme.equals("https")) && loopbackHost;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json");
    }

    private Optional<String> readBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            return Optional.empty();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (bytes.length > maxBodyBytes) {
                return Optional.empty();
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read RPC request body", e);
        }
    }

    /** Answers with a JSON-RPC error object (no id) and an HTTP status. */
    public static void reject(Context ctx, int status, RpcErrorCode code, String message) {
        ctx.status(status).contentType("application/json")
                .result(Json.write(RpcDispatcher.error(JsonNull.INSTANCE, code, message, null)));
    }
}
