package com.codexmanager.metrics;

import com.codexmanager.account.AccountService;
import com.codexmanager.auth.TokenRefresher;
import com.codexmanager.gateway.GatewayMetrics;
import com.codexmanager.module.ServiceModule;
import com.codexmanager.rpc.RpcToken;
import com.codexmanager.server.HttpRoutes;
import com.codexmanager.usage.UsageService;
import io.javalin.http.Context;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /metrics}, rendered by the Prometheus Java client from one registry per service: the gateway's counters
 * ({@link GatewayCollector}), the pool gauges ({@link PoolCollector}), requests and tokens per key
 * ({@link KeyTrafficMetrics}) and the client's JVM metrics. The format follows the scraper's {@code Accept} header
 * (Prometheus text by default, OpenMetrics on request).
 *
 * <p>Served to callers on this machine, or elsewhere with the RPC token (in {@code X-CodexManager-Rpc-Token} or as
 * {@code Authorization: Bearer}, which Prometheus can send from a credentials file): the figures reveal traffic
 * patterns, so a LAN-exposed service does not publish them to everyone. Thread-safe; nothing to close.
 */
public final class MetricsModule implements ServiceModule {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final RpcToken token;

    public MetricsModule(RpcToken token, GatewayMetrics gateway, AccountService accounts, UsageService usage,
            TokenRefresher refresher, KeyTrafficMetrics keys) {
        this.token = token;
        registry.register(new GatewayCollector(gateway));
        registry.register(new PoolCollector(accounts, usage, refresher));
        keys.register(registry);
        JvmMetrics.builder().register(registry);
    }

    @Override
    public List<HttpRoutes> routes() {
        return List.of(r -> r.get("/metrics", this::handle));
    }

    private void handle(Context ctx) {
        if (!isLoopback(ctx.req().getRemoteAddr()) && !token.matches(ctx.header(RpcToken.HEADER))
                && !token.matches(bearer(ctx.header("Authorization")))) {
            ctx.status(403).json(Map.of("error", Map.of("message", "metrics are served to this machine only, or "
                    + "with the RPC token (" + RpcToken.HEADER + " or Authorization: Bearer)", "type", "forbidden",
                    "code", "forbidden")));
            return;
        }
        ExpositionFormatWriter writer = formats.findWriter(ctx.header("Accept"));
        ctx.contentType(writer.getContentType()).result(render(writer));
    }

    private byte[] render(ExpositionFormatWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render metrics", e);
        }
        return out.toByteArray();
    }

    /** The credentials of {@code Authorization: Bearer …} (how Prometheus sends a credentials file), or null. */
    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
