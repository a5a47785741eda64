package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.GatewayError;
import java.time.Duration;

/**
 * The answer to a request that finds {@code GATEWAY_MAX_INFLIGHT} requests in flight: 503 {@code server_busy} with
 * {@code Retry-After: 1}, at once, before the key, the body or an account is touched (Anthropic clients get it as
 * 529 {@code overloaded_error}, which they retry). Refusing fast keeps the requests already admitted fast instead
 * of letting every one of them queue for threads, memory and upstream connections.
 */
final class BusyRefusal {
    static final String CODE = "server_busy";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private BusyRefusal() {
    }

    static GatewayError error(int limit) {
        return new GatewayError(503, CODE, "the gateway is serving its limit of " + limit
                + " requests at once (CODEXMANAGER_GATEWAY_MAX_INFLIGHT); retry in a second", RETRY_AFTER, null);
    }
}
