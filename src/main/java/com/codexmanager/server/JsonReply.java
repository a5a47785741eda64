package com.codexmanager.server;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a whole JSON answer straight to the servlet response, with its length, instead of handing it to
 * {@code ctx.result}. Javalin copies a result through its compression wrapper, which looks the response's headers
 * up by name on the first write even with compression off: a twentieth of the request threads' time on the
 * gateway's non-stream path (BENCHMARKS.md, ninth session). With the length known, Jetty also completes the
 * response on this write instead of after the handler returns.
 *
 * <p>For answers to requests whose body has been read. An error answered before the body is read (a 413 while the
 * client still uploads) goes through {@code ctx.result}: completing the response early there made Jetty drop the
 * connection before the client saw the status. Stateless.
 */
public final class JsonReply {
    private static final Logger log = LoggerFactory.getLogger(JsonReply.class);

    private JsonReply() {
    }

    /** Sends {@code json} with {@code status}; headers set on {@code ctx} before this call go with it. */
    public static void send(Context ctx, int status, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setContentType("application/json");
        res.setContentLength(body.length);
        try {
            res.getOutputStream().write(body);
        } catch (IOException e) {
            // the client has gone; the request's log row is written by its caller as for any answer
            log.debug("{} {}: the client left before its answer was written: {}", ctx.method(), ctx.path(),
                    e.toString());
        }
    }
}
