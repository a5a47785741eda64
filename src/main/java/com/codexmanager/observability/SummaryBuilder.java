package com.codexmanager.observability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Folds hourly rows into a {@link RequestLogSummary}. Single use, not thread-safe. */
final class SummaryBuilder {
    static final long DAY_MS = 24 * RequestLogRepository.HOUR_MS;

    private final long fromMs;
    private final long toMs;
    private final boolean daily;
    private final long offsetMs;
    private final long[] totals = new long[8];
    private final Map<String, long[]> models = new HashMap<>();
    private final TreeMap<Long, long[]> buckets = new TreeMap<>();

    /** @param offsetMs the UTC offset whose midnight starts a day bucket */
    SummaryBuilder(long fromMs, long toMs, boolean daily, long offsetMs) {
        this.fromMs = fromMs;
        this.toMs = toMs;
        this.daily = daily;
        this.offsetMs = offsetMs;
        for (long start = bucketOf(fromMs); start < toMs; start += daily ? DAY_MS : RequestLogRepository.HOUR_MS) {
            buckets.put(start, new long[4]);
        }
    }

    SummaryBuilder add(List<RequestLogRepository.HourRow> rows) {
        for (RequestLogRepository.HourRow r : rows) {
            long[] all = {r.requests(), r.successes(), r.clientErrors(), r.serverErrors(), r.inputTokens(),
                    r.cachedInputTokens(), r.outputTokens(), r.reasoningOutputTokens()};
            for (int i = 0; i < all.length; i++) {
                totals[i] += all[i];
            }
            long[] m = models.computeIfAbsent(r.model() == null ? "" : r.model(), k -> new long[5]);
            m[0] += r.requests();
            m[1] += r.inputTokens();
            m[2] += r.cachedInputTokens();
            m[3] += r.outputTokens();
            m[4] += r.reasoningOutputTokens();
            long[] b = buckets.computeIfAbsent(bucketOf(Math.max(r.bucketMs(), fromMs)), k -> new long[4]);
            b[0] += r.requests();
            b[1] += r.successes();
            b[2] += r.clientErrors() + r.serverErrors();
            b[3] += r.inputTokens() + r.outputTokens();
        }
        return this;
    }

    private long bucketOf(long ms) {
        if (!daily) {
            return Math.floorDiv(ms, RequestLogRepository.HOUR_MS) * RequestLogRepository.HOUR_MS;
        }
        return Math.floorDiv(ms + offsetMs, DAY_MS) * DAY_MS - offsetMs;
    }

    RequestLogSummary build() {
        List<RequestLogSummary.ModelTotals> byModel = new ArrayList<>();
        models.forEach((model, m) -> byModel.add(new RequestLogSummary.ModelTotals(model, m[0], m[1], m[2], m[3],
                m[4], m[1] + m[3])));
        byModel.sort(Comparator.comparingLong(RequestLogSummary.ModelTotals::requests).reversed()
                .thenComparing(RequestLogSummary.ModelTotals::model));
        List<RequestLogSummary.Bucket> chart = new ArrayList<>();
        buckets.forEach((start, b) -> chart.add(new RequestLogSummary.Bucket(Instant.ofEpochMilli(start), b[0], b[1],
                b[2], b[3])));
        Double rate = totals[0] == 0 ? null : (double) totals[1] / totals[0];
        return new RequestLogSummary(Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs),
                daily ? "day" : "hour", totals[0], totals[1], totals[2], totals[3], rate, totals[4], totals[5],
                totals[6], totals[7], totals[4] + totals[6], List.copyOf(byModel), List.copyOf(chart));
    }
}
