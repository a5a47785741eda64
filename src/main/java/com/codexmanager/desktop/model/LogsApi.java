package com.codexmanager.desktop.model;

import com.codexmanager.desktop.rpc.RpcCall;
import com.codexmanager.desktop.rpc.RpcClient;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@code requestlog/list}, {@code requestlog/summary} and {@code requestlog/trace} in one place. Thread-safe. */
public final class LogsApi {
    public static final Set<String> REQUIRED = Set.of("requestlog/list");

    private final RpcClient rpc;

    public LogsApi(RpcClient rpc) {
        this.rpc = rpc;
    }

    /** Filters of the logs table; {@code from}/{@code to} may be null (open range). Immutable. */
    public record Query(String text, String statusFilter, Instant from, Instant to, int page, int pageSize) {
    }

    /** One page and the total count, so the table can page through millions of rows. Immutable. */
    public record LogPage(List<LogRow> items, long total, int page, int pageSize) {
        public LogPage {
            items = List.copyOf(items);
        }

        public long pages() {
            return Math.max(1, (total + pageSize - 1) / pageSize);
        }
    }

    /** Requests and tokens per time bucket plus totals, for the dashboard. Immutable. */
    public record Summary(List<Bucket> buckets, long requests, long tokens, long succeeded) {
        public Summary {
            buckets = List.copyOf(buckets);
        }
    }

    /** One chart bucket. Immutable. */
    public record Bucket(Instant start, long requests, long tokens) {
    }

    public CompletableFuture<LogPage> list(Query q) {
        JsonObject params = new JsonObject();
        params.addProperty("page", q.page());
        params.addProperty("pageSize", q.pageSize());
        if (!q.text().isBlank()) {
            params.addProperty("query", q.text());
        }
        if (!q.statusFilter().isBlank()) {
            params.addProperty("statusFilter", q.statusFilter());
        }
        if (q.from() != null) {
            params.addProperty("from", q.from().getEpochSecond());
        }
        if (q.to() != null) {
            params.addProperty("to", q.to().getEpochSecond());
        }
        return rpc.call(RpcCall.LOG_LIST, params).thenApply(r -> {
            List<LogRow> rows = new ArrayList<>();
            Json2.objects(r, "items").forEach(o -> rows.add(LogRow.from(o)));
            return new LogPage(rows, Json2.number(r, "total", rows.size()), (int) Json2.number(r, "page", q.page()),
                    (int) Json2.number(r, "pageSize", q.pageSize()));
        });
    }

    /**
     * The account that answered the newest successful request, from the request log; empty when none is logged or
     * the service keeps no log.
     */
    public CompletableFuture<Optional<String>> lastServedAccount() {
        JsonObject params = new JsonObject();
        params.addProperty("statusFilter", "2xx");
        params.addProperty("pageSize", 1);
        return rpc.call(RpcCall.LOG_LIST, params).handle((r, error) -> error != null ? Optional.empty()
                : Json2.objects(r, "items").stream().map(o -> Json2.text(o, "accountId"))
                        .filter(id -> !id.isBlank()).findFirst());
    }

    /** The trace events of one request, oldest first (empty when its trace lines are gone). */
    public CompletableFuture<List<TraceEventRow>> trace(String traceId) {
        JsonObject params = new JsonObject();
        params.addProperty("traceId", traceId);
        return rpc.call(RpcCall.LOG_TRACE, params).thenApply(r -> Json2.objects(r, "events").stream()
                .map(TraceEventRow::from).toList());
    }

    /**
     * Totals and chart buckets of {@code requestlog/summary} over {@code [from, to)}.
     *
     * @param daily day buckets (7-day chart) instead of hour buckets; days start at local midnight
     */
    public CompletableFuture<Summary> summary(Instant from, Instant to, boolean daily) {
        JsonObject params = new JsonObject();
        params.addProperty("from", from.getEpochSecond());
        params.addProperty("to", to.getEpochSecond());
        params.addProperty("bucket", daily ? "day" : "hour");
        params.addProperty("utcOffsetMinutes", ZoneId.systemDefault().getRules().getOffset(to).getTotalSeconds() / 60);
        return rpc.call(RpcCall.LOG_SUMMARY, params).thenApply(r -> {
            List<Bucket> buckets = new ArrayList<>();
            for (JsonObject b : Json2.objects(r, "buckets")) {
                Instant start = Json2.instant(b, "start");
                buckets.add(new Bucket(start == null ? Instant.EPOCH : start, Json2.number(b, "requests", 0),
                        Json2.number(b, "totalTokens", 0)));
            }
            return new Summary(buckets, Json2.number(r, "requests", 0), Json2.number(r, "totalTokens", 0),
                    Json2.number(r, "successes", 0));
        });
    }
}
