package com.codexmanager.gateway;

import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.gateway.routing.RouteStrategy;
import java.time.Duration;

/**
 * The gateway's view of the settings, taken from the live snapshot at the start of each request. Immutable.
 *
 * @param fallbackBaseUrl empty when no fallback upstream is configured
 * @param cookie          empty when no upstream cookie is configured
 * @param highWaterPercent {@code headroom}: accounts used this much get no new conversation
 * @param maxInflight     requests served at once; more get {@link BusyRefusal} at once
 * @param sockets         the Responses WebSocket's switch and limits
 * @param upstreamSockets whether WebSocket turns may reach the upstream over a WebSocket ({@code auto})
 */
public record GatewaySettings(String upstreamBaseUrl, String fallbackBaseUrl, String cookie, String originator,
        RouteStrategy strategy, int maxAttempts, Duration failoverBudget, int accountMaxInflight, Duration gateWait,
        Duration firstByteTimeout, Duration idleTimeout, Duration keepaliveInterval, long maxBodyBytes,
        int highWaterPercent, int maxInflight, Sockets sockets, boolean upstreamSockets) {

    /** The Responses WebSocket: served at all, and how long a connection may idle and live. Immutable. */
    public record Sockets(boolean enabled, Duration idleTimeout, Duration maxLifetime) {
    }

    public static GatewaySettings from(Settings s) {
        return new GatewaySettings(
                s.text(Setting.UPSTREAM_BASE_URL),
                s.text(Setting.UPSTREAM_FALLBACK_BASE_URL),
                s.text(Setting.UPSTREAM_COOKIE),
                s.text(Setting.ORIGINATOR),
                RouteStrategy.parse(s.text(Setting.ROUTE_STRATEGY)).orElse(RouteStrategy.ORDERED),
                s.integer(Setting.GATEWAY_MAX_ATTEMPTS),
                Duration.ofSeconds(s.number(Setting.GATEWAY_FAILOVER_BUDGET_SECS)),
                s.integer(Setting.ACCOUNT_MAX_INFLIGHT),
                Duration.ofMillis(s.number(Setting.REQUEST_GATE_WAIT_TIMEOUT_MS)),
                Duration.ofSeconds(s.number(Setting.UPSTREAM_FIRST_BYTE_TIMEOUT_SECS)),
                Duration.ofSeconds(s.number(Setting.UPSTREAM_IDLE_TIMEOUT_SECS)),
                Duration.ofMillis(s.number(Setting.SSE_KEEPALIVE_INTERVAL_MS)),
                s.number(Setting.FRONT_PROXY_MAX_BODY_BYTES),
                s.integer(Setting.HEADROOM_HIGH_WATER_PERCENT),
                s.integer(Setting.GATEWAY_MAX_INFLIGHT),
                new Sockets(s.enabled(Setting.WEBSOCKET_ENABLED),
                        Duration.ofSeconds(s.number(Setting.WEBSOCKET_IDLE_TIMEOUT_SECS)),
                        Duration.ofSeconds(s.number(Setting.WEBSOCKET_MAX_LIFETIME_SECS))),
                "auto".equals(s.text(Setting.UPSTREAM_WEBSOCKET)));
    }
}
