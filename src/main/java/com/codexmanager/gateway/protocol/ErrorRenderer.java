package com.codexmanager.gateway.protocol;

import io.javalin.http.Context;

/** Writes a {@link GatewayError} as the client protocol's error response. Implementations are stateless. */
public interface ErrorRenderer {
    /** Sets status, headers and body on {@code ctx}; returns the HTTP status actually sent (for the request log). */
    int render(Context ctx, GatewayError error);
}
