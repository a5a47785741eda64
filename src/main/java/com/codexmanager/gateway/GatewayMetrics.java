package com.codexmanager.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the gateway in Prometheus text format: requests by status, requests in flight, failovers, skips by
 * reason, and histograms of total latency and time to first byte. Lock-free; thread-safe.
 */
public final class GatewayMetrics {
    private static final long[] BUCKETS_MS = {25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000,
            120_000, 300_000};

    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> skips = new ConcurrentHashMap<>();
    private final LongAdder failovers = new LongAdder();
    private final AtomicInteger inflight = new AtomicInteger();
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

        void render(StringBuilder out, String name, String help) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(" histogram\n");
            long cumulative = 0;
            for (int i = 0; i < BUCKETS_MS.length; i++) {
                cumulative += counts[i].sum();
                out.append(name).append("_bucket{le=\"").append(BUCKETS_MS[i] / 1000.0).append("\"} ")
                        .append(cumulative).append('\n');
            }
            cumulative += counts[BUCKETS_MS.length].sum();
            out.append(name).append("_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
            out.append(name).append("_sum ").append(sum.sum() / 1000.0).append('\n');
            out.append(name).append("_count ").append(cumulative).append('\n');
        }
    }

    /** A request entered the gateway; {@link #ended()} must follow on every path. */
    void started() {
        inflight.incrementAndGet();
    }

    void ended() {
        inflight.decrementAndGet();
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

    public String render() {
        StringBuilder out = new StringBuilder(2048);
        out.append("# HELP codexmanager_requests_total Gateway requests by HTTP status.\n");
        out.append("# TYPE codexmanager_requests_total counter\n");
        byStatus.forEach((status, count) -> out.append("codexmanager_requests_total{status=\"").append(status)
                .append("\"} ").append(count.sum()).append('\n'));
        out.append("# HELP codexmanager_requests_in_flight Gateway requests being served.\n");
        out.append("# TYPE codexmanager_requests_in_flight gauge\n");
        out.append("codexmanager_requests_in_flight ").append(inflight.get()).append('\n');
        out.append("# HELP codexmanager_failovers_total Attempts moved to another account.\n");
        out.append("# TYPE codexmanager_failovers_total counter\n");
        out.append("codexmanager_failovers_total ").append(failovers.sum()).append('\n');
        out.append("# HELP codexmanager_candidate_skips_total Accounts passed over, by reason.\n");
        out.append("# TYPE codexmanager_candidate_skips_total counter\n");
        skips.forEach((reason, count) -> out.append("codexmanager_candidate_skips_total{reason=\"").append(reason)
                .append("\"} ").append(count.sum()).append('\n'));
        latency.render(out, "codexmanager_request_duration_seconds", "Total request time.");
        firstByte.render(out, "codexmanager_first_byte_seconds", "Time to the first relayed event.");
        return out.toString();
    }
}
