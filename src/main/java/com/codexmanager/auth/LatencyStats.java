package com.codexmanager.auth;

import java.util.Arrays;

/**
 * Recent latency samples (the last {@value #KEPT}) with their percentiles, for operators and benchmarks.
 * Thread-safe; recording takes a short lock.
 */
public final class LatencyStats {
    static final int KEPT = 4096;

    /** Percentiles of the kept samples, in microseconds; all zero when there are none. */
    public record Summary(long count, long p50Micros, long p90Micros, long p99Micros, long maxMicros) {
    }

    private final long[] samples = new long[KEPT];
    private long count;

    synchronized void record(long micros) {
        samples[(int) (count % KEPT)] = micros;
        count++;
    }

    public synchronized Summary summary() {
        int n = (int) Math.min(count, KEPT);
        if (n == 0) {
            return new Summary(0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return new Summary(count, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[n - 1]);
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
