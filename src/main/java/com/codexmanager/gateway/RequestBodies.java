package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.AdapterException;
import com.codexmanager.json.JsonBytes;
import com.codexmanager.json.JsonTreeReader;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a client's JSON object body with a size cap that applies to the decoded body: a compressed body
 * ({@link ContentEncodings}) is decoded as a stream and reading stops one byte past the cap, so a decompression bomb
 * costs at most the cap in memory and answers 413. Stateless.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    /** The request's body, read once by whichever of the two the pipeline asks for. */
    static RequestSteps.BodySource of(Context ctx) {
        return new RequestSteps.BodySource() {
            @Override
            public JsonObject read(long maxBytes) {
                return RequestBodies.read(ctx, maxBytes);
            }

            @Override
            public byte[] bytes(long maxBytes) {
                return RequestBodies.bytes(ctx, maxBytes);
            }
        };
    }

    /** @throws AdapterException 413 when larger than {@code maxBytes}, 400 when unreadable or not an object */
    static JsonObject read(Context ctx, long maxBytes) {
        return parse(bytes(ctx, maxBytes));
    }

    /** @throws AdapterException 413 when larger than {@code maxBytes}, 400 when unreadable */
    static byte[] bytes(Context ctx, long maxBytes) {
        // Checked before the body stream is touched: opening it makes the server send "100 Continue", after which
        // a client that asked for it would already be uploading when the 413 arrives.
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw tooLarge("request body", maxBytes);
        }
        String encoding = ctx.header("Content-Encoding");
        byte[] bytes;
        try (InputStream in = ContentEncodings.decode(ctx.req().getInputStream(), encoding)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new AdapterException(400, "unreadable_body", encoding == null
                    ? "the request body could not be read"
                    : "the request body could not be decoded as Content-Encoding " + encoding);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(encoding == null ? "request body" : "decoded request body", maxBytes);
        }
        return bytes;
    }

    /**
     * Parses the body straight from its bytes ({@link JsonTreeReader}: the tree Gson's strict parse gives, and bytes
     * that are not UTF-8 are refused rather than replaced, as on the Responses routes).
     *
     * @throws AdapterException 400 when the bytes are not one JSON object
     */
    static JsonObject parse(byte[] bytes) {
        JsonElement parsed;
        try {
            parsed = JsonTreeReader.parse(bytes);
        } catch (JsonBytes.MalformedJsonException e) {
            throw new AdapterException(400, "invalid_json", "the request body is not valid JSON");
        }
        if (!parsed.isJsonObject()) {
            throw new AdapterException(400, "invalid_json", "the request body must be a JSON object");
        }
        return parsed.getAsJsonObject();
    }

    private static AdapterException tooLarge(String what, long maxBytes) {
        return new AdapterException(413, "request_too_large", what + " exceeds " + maxBytes + " bytes");
    }
}
