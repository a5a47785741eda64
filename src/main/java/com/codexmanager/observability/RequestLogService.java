package com.codexmanager.observability;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and clears request logs: filtered pages, summaries and "clear". Thread-safe (stateless over the
 * repository).
 *
 * <p>Totals of a page are <em>capped</em>: counting every match of a filter over a million rows costs a full
 * index scan (seconds on H2), so {@link Page#total()} counts at most {@value #TOTAL_CAP} matches
 * ({@value #TEXT_SEARCH_TOTAL_CAP} when the query has search terms, which cannot use an index) and
 * {@link Page#totalCapped()} says when there are more. Exact totals over any range come from
 * {@link #summary}, which reads the hourly totals.
 */
public final class RequestLogService {
    public static final int TOTAL_CAP = 10_000;
    /** Text search cannot use an index, so counting stops sooner. */
    public static final int TEXT_SEARCH_TOTAL_CAP = 1_000;
    static final long MAX_SUMMARY_SPAN_MS = 400 * SummaryBuilder.DAY_MS;
    static final long MAX_HOURLY_SPAN_MS = 31 * SummaryBuilder.DAY_MS;
    static final long AUTO_HOURLY_SPAN_MS = 48 * RequestLogRepository.HOUR_MS;

    /** One page of rows, newest first. {@code total} is exact unless {@code totalCapped}. */
    public record Page(List<RequestLogItem> items, long total, boolean totalCapped, int page, int pageSize) {
    }

    /** Chart bucket size of a summary. */
    public enum BucketSize {
        AUTO, HOUR, DAY
    }

    private final RequestLogRepository repository;
    private final HourlyTotals totals;

    RequestLogService(RequestLogRepository repository, HourlyTotals totals) {
        this.repository = repository;
        this.totals = totals;
    }

    Page list(RequestLogFilter filter, int page, int pageSize) {
        long offset = (long) (page - 1) * pageSize;
        List<RequestLogItem> items = repository.page(filter, pageSize, offset);
        long cap = filter.terms().isEmpty() ? TOTAL_CAP : TEXT_SEARCH_TOTAL_CAP;
        long total;
        if (page == 1 && items.size() < pageSize) {
            total = items.size();
        } else {
            total = repository.countUpTo(filter, cap + 1);
        }
        boolean capped = total > cap;
        return new Page(items, capped ? cap : total, capped, page, pageSize);
    }

    /**
     * Totals over {@code [fromMs, toMs)}.
     *
     * @param offsetMinutes the caller's UTC offset; day buckets start at its local midnight
     * @throws IllegalArgumentException naming the parameter when the range or bucket size is not allowed
     */
    public RequestLogSummary summary(long fromMs, long toMs, BucketSize size, int offsetMinutes) {
        if (toMs <= fromMs) {
            throw new IllegalArgumentException("to: must be after from");
        }
        if (toMs - fromMs > MAX_SUMMARY_SPAN_MS) {
            throw new IllegalArgumentException("to: the range may span at most 400 days");
        }
        boolean daily = switch (size) {
            case DAY -> true;
            case HOUR -> false;
            case AUTO -> toMs - fromMs > AUTO_HOURLY_SPAN_MS;
        };
        if (!daily && toMs - fromMs > MAX_HOURLY_SPAN_MS) {
            throw new IllegalArgumentException("bucket: hourly buckets are limited to 31 days; use day");
        }
        SummaryBuilder builder = new SummaryBuilder(fromMs, toMs, daily, offsetMinutes * 60_000L);
        rows(fromMs, toMs).forEach(builder::add);
        return builder.build();
    }

    /** Whole hours from the hourly totals (plus rows not rolled up yet), partial edge hours from stored rows. */
    private List<List<RequestLogRepository.HourRow>> rows(long fromMs, long toMs) {
        long hour = RequestLogRepository.HOUR_MS;
        long firstFull = Math.floorDiv(fromMs + hour - 1, hour) * hour;
        long lastFull = Math.floorDiv(toMs, hour) * hour;
        List<List<RequestLogRepository.HourRow>> out = new ArrayList<>();
        if (fromMs < firstFull) {
            out.add(repository.rawTotals(fromMs, Math.min(firstFull, toMs), firstFull - hour));
        }
        if (firstFull < lastFull) {
            out.add(totals.fullHours(firstFull, lastFull));
        }
        if (lastFull < toMs && lastFull >= firstFull) {
            out.add(repository.rawTotals(lastFull, toMs, lastFull));
        }
        return out;
    }

    /**
     * Totals per key over {@code [fromMs, toMs)}, from the hourly totals and the stored rows.
     *
     * @param keyId one key, or {@code null} for every key that made requests
     */
    public java.util.Map<String, KeyTotals> keyTotals(String keyId, long fromMs, long toMs) {
        if (toMs <= fromMs) {
            return java.util.Map.of();
        }
        return totals.keyTotals(keyId, fromMs, toMs);
    }

    /**
     * Per key, the rows since {@code fromMs} served by instances other than {@code instance} ({@code others}), or by
     * {@code instance} itself and rows that name no instance; recent = started at or after {@code recentFromMs}.
     */
    public List<KeyActivity> keyActivity(long fromMs, long recentFromMs, String instance,
            boolean others) {
        return repository.keyActivity(fromMs, recentFromMs, instance, others);
    }

    /**
     * Served requests and tokens per account over {@code [fromMs, toMs)} from the stored rows: one entry per
     * account, or per account and UTC hour when {@code hourly}. Each entry is {@code [accountId, fromMs, requests,
     * tokens]} as a record.
     */
    public List<AccountTraffic> accountTraffic(long fromMs, long toMs, boolean hourly) {
        return repository.accountTraffic(fromMs, toMs, hourly).stream()
                .map(r -> new AccountTraffic(r.accountId(), r.fromMs(), r.requests(), r.tokens())).toList();
    }

    /** One account's served requests and input plus output tokens in a span starting at {@code fromMs}. */
    public record AccountTraffic(String accountId, long fromMs, long requests, long tokens) {
    }

    /** Deletes every stored row; the hourly totals stay (rows are rolled up first) unless {@code includeTotals}. */
    public void clear(boolean includeTotals) {
        totals.clear(includeTotals);
    }
}
