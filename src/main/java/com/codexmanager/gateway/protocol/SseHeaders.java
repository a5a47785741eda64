package com.codexmanager.gateway.protocol;

import jakarta.servlet.http.HttpServletResponse;

/** Response headers for event streams: no caching, no proxy buffering. */
public final class SseHeaders {
    private SseHeaders() {
    }

    public static void apply(HttpServletResponse response) {
        response.setStatus(200);
        response.setContentType("text/event-stream; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
    }
}
