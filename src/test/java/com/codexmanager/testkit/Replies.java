package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import io.javalin.http.Context;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;

/** Writes the fake's non-streaming replies and handles the raw connection. Stateless. */
final class Replies {
    static final String JSON = "application/json";

    private Replies() {
    }

    static void json(Context ctx, int status, JsonObject body) {
        ctx.status(status);
        ctx.contentType(JSON);
        ctx.result(Json.write(body));
    }

    /** The backend's FastAPI-style {@code {"detail": …}} body. */
    static void detail(Context ctx, int status, String detail) {
        json(ctx, status, Json.obj("detail", detail));
    }

    /** OAuth-style {@code {"error": …, "error_description": …}}. */
    static void oauthError(Context ctx, int status, String error, String description) {
        json(ctx, status, Json.obj("error", error, "error_description", description));
    }

    /** Nested {@code {"error":{"code": …, "message": …}}}. */
    static void nestedError(Context ctx, int status, String code, String message) {
        json(ctx, status, Json.obj("error", Json.obj("code", code, "message", message)));
    }

    static void html(Context ctx, int status, String html) {
        ctx.status(status);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(html);
    }

    /** Closes the TCP connection at once: no status line, or no final chunk when the body has begun. */
    static void abortConnection(Context ctx) {
        endPoint(ctx).close();
    }

    /**
     * Looks for a client close without blocking. Jetty does not read while a handler runs, so a client that
     * hangs up during a silent stall is only noticed by reading the socket ourselves.
     */
    static boolean clientHungUp(Context ctx) {
        try {
            return endPoint(ctx).fill(BufferUtil.allocate(64)) < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static EndPoint endPoint(Context ctx) {
        return ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                .getEndPoint();
    }
}
