package com.codexmanager.metrics;

import com.codexmanager.gateway.GatewayMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * The gateway's own counters ({@link GatewayMetrics}) as Prometheus metric families, read at each scrape: requests by
 * status, requests in flight and those refused over the limit, failovers, candidate skips by reason, the
 * request-duration and first-byte histograms in seconds, the Responses WebSockets open, the upgrades refused by code
 * and the gateway's own upstream upgrades that failed. Stateless; thread-safe.
 */
final class GatewayCollector implements MultiCollector {
    private final GatewayMetrics gateway;

    GatewayCollector(GatewayMetrics gateway) {
        this.gateway = gateway;
    }

    @Override
    public MetricSnapshots collect() {
        GatewayMetrics.Snapshot now = gateway.snapshot();
        CounterSnapshot.Builder requests = CounterSnapshot.builder().name("codexmanager_requests")
                .help("Gateway requests by HTTP status.");
        now.requestsByStatus().forEach((status, count) -> requests.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("status", Integer.toString(status))).value(count).build()));
        CounterSnapshot.Builder skips = CounterSnapshot.builder().name("codexmanager_candidate_skips")
                .help("Accounts passed over, by reason.");
        now.skipsByReason().forEach((reason, count) -> skips.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("reason", reason)).value(count).build()));
        CounterSnapshot.Builder upgradesRefused = CounterSnapshot.builder()
                .name("codexmanager_websocket_upgrades_refused")
                .help("Responses WebSocket upgrades refused, by error code (websocket_disabled is the 426 on which "
                        + "Codex falls back to HTTP).");
        now.upgradesRefusedByCode().forEach((code, count) -> upgradesRefused.dataPoint(
                CounterDataPointSnapshot.builder().labels(Labels.of("code", code)).value(count).build()));
        CounterSnapshot.Builder upstreamFailed = CounterSnapshot.builder()
                .name("codexmanager_upstream_websocket_upgrades_failed")
                .help("The gateway's WebSocket upgrades to the upstream that failed, by reason (refused: the endpoint "
                        + "has no WebSocket; failed: timeout, reset, TLS error or an unexpected status).");
        now.upstreamUpgradesFailedByReason().forEach((reason, count) -> upstreamFailed.dataPoint(
                CounterDataPointSnapshot.builder().labels(Labels.of("reason", reason)).value(count).build()));
        return MetricSnapshots.of(requests.build(),
                GaugeSnapshot.builder().name("codexmanager_requests_in_flight").help("Gateway requests being served.")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(now.inFlight()).build()).build(),
                CounterSnapshot.builder().name("codexmanager_requests_refused_busy")
                        .help("Gateway requests refused with 503 because GATEWAY_MAX_INFLIGHT were in flight.")
                        .dataPoint(CounterDataPointSnapshot.builder().value(now.busyRefusals()).build()).build(),
                CounterSnapshot.builder().name("codexmanager_failovers").help("Attempts moved to another account.")
                        .dataPoint(CounterDataPointSnapshot.builder().value(now.failovers()).build()).build(),
                skips.build(),
                histogram("codexmanager_request_duration_seconds", "Total request time.", now.duration()),
                histogram("codexmanager_first_byte_seconds", "Time to the first relayed event.", now.firstByte()),
                GaugeSnapshot.builder().name("codexmanager_websockets_open")
                        .help("Responses WebSockets open (Codex with supports_websockets).")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(now.socketsOpen()).build()).build(),
                upgradesRefused.build(), upstreamFailed.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of("codexmanager_requests", "codexmanager_requests_in_flight",
                "codexmanager_requests_refused_busy", "codexmanager_failovers",
                "codexmanager_candidate_skips", "codexmanager_request_duration_seconds",
                "codexmanager_first_byte_seconds", "codexmanager_websockets_open",
                "codexmanager_websocket_upgrades_refused", "codexmanager_upstream_websocket_upgrades_failed");
    }

    private static HistogramSnapshot histogram(String name, String help, GatewayMetrics.Distribution distribution) {
        long[] bounds = distribution.upperBoundsMillis();
        long[] counts = distribution.countsPerBucket();
        double[] upperBounds = new double[bounds.length + 1];
        for (int i = 0; i < bounds.length; i++) {
            upperBounds[i] = bounds[i] / 1000.0;
        }
        upperBounds[bounds.length] = Double.POSITIVE_INFINITY;
        return HistogramSnapshot.builder().name(name).help(help)
                .dataPoint(HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBounds, counts))
                        .sum(distribution.sumMillis() / 1000.0).build())
                .build();
    }
}
