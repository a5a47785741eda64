package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.AdapterException;
import com.codexmanager.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a client's JSON object body with a size cap. Stateless. */
final class RequestBodies {
    private RequestBodies() {
    }

    /** @throws AdapterException 413 when larger than {@code maxBytes}, 400 when unreadable or not an object */
    static JsonObject read(Context ctx, long maxBytes) {
        // Checked before the body stream is touched: opening it makes the server send "100 Continue", after which
        // a client that asked for it would already be uploading when the 413 arrives.
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new AdapterException(400, "unreadable_body", "the request body could not be read");
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try {
            JsonElement parsed = Json.parse(new String(bytes, StandardCharsets.UTF_8));
            if (parsed == null || !parsed.isJsonObject()) {
                throw new AdapterException(400, "invalid_json", "the request body must be a JSON object");
            }
            return parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new AdapterException(400, "invalid_json", "the request body is not valid JSON");
        }
    }

    private static AdapterException tooLarge(long maxBytes) {
        return new AdapterException(413, "request_too_large", "request body exceeds " + maxBytes + " bytes");
    }
}
