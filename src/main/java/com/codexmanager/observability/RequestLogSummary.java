package com.codexmanager.observability;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code requestlog/summary}: totals over {@code [from, to)}, tokens per model and chart buckets.
 * Computed from the hourly totals (which survive pruning and clearing) plus stored rows for partial hours at the
 * edges. Immutable.
 *
 * @param successRate successes / requests in 0..1, or {@code null} when there were no requests
 * @param bucket      {@code hour} or {@code day}
 */
public record RequestLogSummary(Instant from, Instant to, String bucket, long requests, long successes,
        long clientErrors, long serverErrors, Double successRate, long inputTokens, long cachedInputTokens,
        long outputTokens, long reasoningOutputTokens, long totalTokens, List<ModelTotals> byModel,
        List<Bucket> buckets) {

    /** Totals of one model ({@code ""} when the request named none), most requested first. */
    public record ModelTotals(String model, long requests, long inputTokens, long cachedInputTokens,
            long outputTokens, long reasoningOutputTokens, long totalTokens) {
    }

    /** One chart bucket starting at {@code start}; {@code errors} counts 4xx and 5xx. */
    public record Bucket(Instant start, long requests, long successes, long errors, long totalTokens) {
    }
}
