package com.codexmanager.gateway.protocol;

import java.time.Duration;

/**
 * An error to answer before any stream byte was sent. Immutable.
 *
 * @param retryAfter     nullable; sent as {@code Retry-After}
 * @param upstreamBody   nullable; the upstream's own JSON error body for request errors, which renderers of the
 *                       same wire format may pass through
 */
public record GatewayError(int status, String code, String message, Duration retryAfter, String upstreamBody) {
    public static GatewayError of(int status, String code, String message) {
        return new GatewayError(status, code, message, null, null);
    }

    /** {@code Retry-After} in whole seconds: rounded up, so a client never comes back early; at least 1. */
    public static String retryAfterSeconds(Duration retryAfter) {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Long.toString(Math.max(1, seconds));
    }
}
