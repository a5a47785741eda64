package com.codexmanager.server;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a whole JSON answer straight to the servlet response instead of handing it to {@code ctx.result}. Javalin copies a result through its compression wrapper, which looks the response's headers
 * up by name on the first write even with compression off: a twentieth of the request threads' time on the
 * gateway's non-stream path (BENCHMARKS.md, ninth session). No length is set, so Jetty keeps an answer that fits
 * its buffer until the handler returns and then sends it with its length, as before: the request's log row and
 * metrics are written before the client sees the end of its answer.
 *
 * <p>For the gateway's successful answers, its hot path. Errors keep {@code ctx.result}: some are answered before
 * the request body is read (a 413 while the client still uploads), where Javalin's own handling is the tested one.
 * Stateless.
 */
public final class JsonReply {
    private static final Logger log = LoggerFactory.getLogger(JsonReply.class);

    private JsonReply() {
    }

    /** Sends {@code json} with {@code status}; headers set on {@code ctx} before this call go with it. */
    public static void send(Context ctx, int status, String json) {
        send(ctx, status, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The same for JSON text already encoded as UTF-8. */
    public static void send(Context ctx, int status, byte[] body) {
        HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setContentType("application/json");
        try {
            res.getOutputStream().write(body);
        } catch (IOException e) {
            // the client has gone; the request's log row is written by its caller as for any answer
            log.debug("{} {}: the client left before its answer was written: {}", ctx.method(), ctx.path(),
                    e.toString());
        }
    }
}
