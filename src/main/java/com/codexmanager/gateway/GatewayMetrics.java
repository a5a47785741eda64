package com.codexmanager.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the gateway: requests by status, requests in flight (and those refused over the limit), failovers,
 * skips by reason, Responses WebSockets open and upgrades refused by code, the gateway's own upgrades to the
 * upstream that failed by reason, and histograms of total latency and time
 * to first byte. {@link #snapshot()} reads them for the service's {@code /metrics}, which the
 * Prometheus client renders. Lock-free; thread-safe.
 */
public final class GatewayMetrics {
    private static final long[] BUCKETS_MS = {25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000,
            120_000, 300_000};

    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> skips = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> upgradesRefused = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> upstreamUpgradesFailed = new ConcurrentHashMap<>();
    private final LongAdder failovers = new LongAdder();
    private final LongAdder busy = new LongAdder();
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicInteger socketsOpen = new AtomicInteger();
    private final Histogram latency = new Histogram();
    private final Histogram firstByte = new Histogram();

    private static final class Histogram {
        private final LongAdder[] counts = new LongAdder[BUCKETS_MS.length + 1];
        private final LongAdder sum = new LongAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(long millis) {
            int i = 0;
            while (i < BUCKETS_MS.length && millis > BUCKETS_MS[i]) {
                i++;
            }
            counts[i].increment();
            sum.add(millis);
        }

        Distribution snapshot() {
            long[] perBucket = new long[counts.length];
            for (int i = 0; i < counts.length; i++) {
                perBucket[i] = counts[i].sum();
            }
            return new Distribution(BUCKETS_MS, perBucket, sum.sum());
        }
    }

    /** A request entered the gateway; {@link #ended()} must follow on every path. */
    void started() {
        inflight.incrementAndGet();
    }

    /**
     * A request enters the gateway unless {@code limit} are in flight already ({@code GATEWAY_MAX_INFLIGHT}); then
     * it is counted as refused for being busy and {@link #ended()} must not follow.
     *
     * @return whether the request entered
     */
    boolean tryStart(int limit) {
        if (inflight.incrementAndGet() <= limit) {
            return true;
        }
        inflight.decrementAndGet();
        busy.increment();
        return false;
    }

    void ended() {
        inflight.decrementAndGet();
    }

    /** A Responses WebSocket opened; {@link #socketClosed()} follows when it closes. */
    void socketOpened() {
        socketsOpen.incrementAndGet();
    }

    void socketClosed() {
        socketsOpen.decrementAndGet();
    }

    /** A Responses WebSocket upgrade was answered with an error instead ({@code websocket_disabled}: the 426). */
    void upgradeRefused(String code) {
        upgradesRefused.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /**
     * The gateway's own WebSocket upgrade to the upstream failed: {@code refused} (a status that says the endpoint
     * has no WebSocket) or {@code failed} (timeout, reset, TLS error, an unexpected status).
     */
    void upstreamUpgradeFailed(String reason) {
        upstreamUpgradesFailed.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Requests being served right now. */
    public int inFlight() {
        return inflight.get();
    }

    void finished(int status, long durationMillis, Long firstByteMillis, int attempts) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        latency.observe(durationMillis);
        if (firstByteMillis != null && firstByteMillis > 0) {
            firstByte.observe(firstByteMillis);
        }
        if (attempts > 1) {
            failovers.add(attempts - 1L);
        }
    }

    void skipped(String reason) {
        skips.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /**
     * Bucketed durations: {@code countsPerBucket[i]} observations up to {@code upperBoundsMillis[i]} (and above the
     * previous bound); the extra last count is above every bound. Immutable.
     */
    public record Distribution(long[] upperBoundsMillis, long[] countsPerBucket, long sumMillis) {
        public Distribution {
            upperBoundsMillis = upperBoundsMillis.clone();
            countsPerBucket = countsPerBucket.clone();
        }

        @Override
        public long[] upperBoundsMillis() {
            return upperBoundsMillis.clone();
        }

        @Override
        public long[] countsPerBucket() {
            return countsPerBucket.clone();
        }
    }

    /** The counters as of now, for the exposition (the service's {@code /metrics}). Immutable. */
    public record Snapshot(Map<Integer, Long> requestsByStatus, int inFlight, long failovers,
            Map<String, Long> skipsByReason, Distribution duration, Distribution firstByte, int socketsOpen,
            long busyRefusals, Map<String, Long> upgradesRefusedByCode,
            Map<String, Long> upstreamUpgradesFailedByReason) {
        public Snapshot {
            upstreamUpgradesFailedByReason = Map.copyOf(upstreamUpgradesFailedByReason);
            requestsByStatus = Map.copyOf(requestsByStatus);
            skipsByReason = Map.copyOf(skipsByReason);
            upgradesRefusedByCode = Map.copyOf(upgradesRefusedByCode);
        }
    }

    public Snapshot snapshot() {
        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        return new Snapshot(statuses, inflight.get(), failovers.sum(), sums(skips), latency.snapshot(),
                firstByte.snapshot(), socketsOpen.get(), busy.sum(), sums(upgradesRefused),
                sums(upstreamUpgradesFailed));
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((key, count) -> out.put(key, count.sum()));
        return out;
    }
}
