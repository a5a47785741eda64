package com.codexmanager.gateway;

import com.codexmanager.rpc.RpcToken;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code GET /metrics}: Prometheus text, for callers on this machine, or elsewhere with the RPC token header (the
 * counters reveal traffic patterns, so a LAN-exposed service does not publish them to everyone).
 */
final class MetricsHandler {
    private final GatewayMetrics metrics;
    private final RpcToken token;

    MetricsHandler(GatewayMetrics metrics, RpcToken token) {
        this.metrics = metrics;
        this.token = token;
    }

    void handle(Context ctx) {
        if (!isLoopback(ctx.req().getRemoteAddr()) && !token.matches(ctx.header(RpcToken.HEADER))) {
            OpenAiErrors.send(ctx, 403, "forbidden", "metrics are served to this machine only, or with "
                    + RpcToken.HEADER, null);
            return;
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render());
    }

    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
