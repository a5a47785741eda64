package com.codexmanager.observability;

import com.codexmanager.config.DataDir;
import com.codexmanager.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Benchmark behind {@code scripts/bench-requestlog.sh}: inserts N rows (default 1,000,000) spread over 30 days
 * through the real {@link RequestLogWriter} into a file database, then times filtered pages and summaries.
 * The producer backs off while the queue is nearly full, so the run measures the writer's sustained rate without
 * drops; {@code record()} latency shows that callers never wait for the database. Not a test.
 */
public final class RequestLogBenchmark {
    private static final boolean RANDOM_TRACE_IDS = "random".equals(System.getProperty("bench.traceIds"));
    private static final String[] MODELS = {"gpt-5.5", "gpt-5.4", "gpt-5.4-mini", "gpt-5.3-codex", "gpt-5.2",
            "gpt-5.6-sol"};
    private static final String[] PATHS = {"/v1/responses", "/v1/chat/completions", "/v1/messages"};

    private RequestLogBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("cm-bench-requestlog");
        Instant end = Instant.parse("2026-05-01T12:00:00Z");
        Instant start = end.minus(Duration.ofDays(30));
        try (Database db = Database.open(new DataDir(dir, dir.resolve("codexmanager.mv.db")))) {
            RequestLogRepository repository = new RequestLogRepository(db.sql());
            insert(repository, rows, start, end);
            HourlyTotals totals = new HourlyTotals(db.sql(), repository);
            long t = System.nanoTime();
            long rolled = totals.rollUp();
            System.out.printf(Locale.ROOT, "- first roll-up of all %,d rows into hourly totals: %.1f s "
                    + "(in service it runs every 5 min over the new rows only)%n", rolled, (System.nanoTime() - t) / 1e9);
            RequestLogService service = new RequestLogService(repository, totals);
            queries(service, start, end);
            System.out.printf(Locale.ROOT, "- database file while open: %.0f MB for %,d rows%n",
                    Files.size(dir.resolve("codexmanager.mv.db")) / 1e6, rows);
        } finally {
            Files.deleteIfExists(dir.resolve("codexmanager.mv.db"));
            Files.deleteIfExists(dir.resolve("codexmanager.trace.db"));
            Files.deleteIfExists(dir);
        }
    }

    /** The trace id of one row in the middle of the data set, for the exact trace search. */
    private static String storedTraceId;

    private static void insert(RequestLogRepository repository, int rows, Instant start, Instant end) {
        RequestLogWriter writer = new RequestLogWriter(repository, RequestLogWriter.DEFAULT_CAPACITY);
        long spanMs = end.toEpochMilli() - start.toEpochMilli();
        long[] recordNanos = new long[rows];
        long began = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            while (writer.stats().queued() > RequestLogWriter.DEFAULT_CAPACITY * 9 / 10) {
                Thread.onSpinWait();
            }
            RequestLogEntry entry = entry(i, start.plusMillis(spanMs * i / rows));
            if (i == rows / 2) {
                storedTraceId = entry.traceId();
            }
            long t = System.nanoTime();
            writer.record(entry);
            recordNanos[i] = System.nanoTime() - t;
        }
        long produced = System.nanoTime();
        writer.close(Duration.ofMinutes(10));
        long done = System.nanoTime();
        RequestLogWriter.Stats stats = writer.stats();
        Arrays.sort(recordNanos);
        double seconds = (done - began) / 1e9;
        System.out.printf(Locale.ROOT, "- inserted %,d rows in %.1f s: **%,.0f rows/s** sustained "
                + "(%,d batches, avg %.0f rows/batch, dropped %d, failed %d)%n", stats.written(), seconds,
                stats.written() / seconds, stats.batches(), (double) stats.written() / stats.batches(),
                stats.dropped(), stats.failed());
        System.out.printf(Locale.ROOT, "- record() call: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f ms "
                + "(producer finished %.1f s before the writer)%n", recordNanos[rows / 2] / 1e3,
                recordNanos[(int) (rows * 0.99)] / 1e3, recordNanos[(int) (rows * 0.999)] / 1e3,
                recordNanos[rows - 1] / 1e6, (done - produced) / 1e9);
    }

    /**
     * The gateway's trace id shape ({@code TraceIds}): request time in 11 hex digits, then 8 random ones. With
     * {@code -Dbench.traceIds=random} the shape before 2026-12-06 (16 random hex digits), to compare.
     */
    private static String traceId(Instant at, ThreadLocalRandom r) {
        if (RANDOM_TRACE_IDS) {
            return String.format(Locale.ROOT, "trc_%016x", r.nextLong());
        }
        return String.format(Locale.ROOT, "trc_%011x%08x", at.toEpochMilli(), r.nextInt());
    }

    private static RequestLogEntry entry(int i, Instant at) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int roll = r.nextInt(100);
        int status = roll < 90 ? 200 : roll < 93 ? 429 : roll < 95 ? 401 : roll < 98 ? 502 : 500;
        String model = MODELS[r.nextInt(MODELS.length)];
        int account = r.nextInt(50);
        RequestLogEntry.Builder b = RequestLogEntry.builder(traceId(at, r), at)
                .key("gk_key" + r.nextInt(20), "cmk_Key" + r.nextInt(20) + "xxxx")
                .accounts(status == 502 ? List.of("acc_" + account, "acc_" + (account + 1) % 50)
                        : List.of("acc_" + account))
                .request("POST", PATHS[r.nextInt(PATHS.length)], "/responses")
                .model(model, model, r.nextBoolean() ? "medium" : "high").status(status)
                .timing(200 + r.nextInt(5_000), (long) r.nextInt(800));
        if (status == 200) {
            b.tokens(new TokenUsage(1_000 + r.nextInt(50_000), r.nextInt(1_000), r.nextInt(4_000), r.nextInt(500)));
        } else {
            b.error(status == 429 ? "rate_limited" : status == 401 ? "invalid_api_key" : "upstream_error",
                    "status " + status + " from upstream");
        }
        return b.build();
    }

    private static void queries(RequestLogService service, Instant start, Instant end) {
        long endMs = end.toEpochMilli();
        long weekAgo = end.minus(Duration.ofDays(7)).toEpochMilli();
        time("page 1, no filter (50 rows + capped total)", () -> service.list(RequestLogFilter.NONE, 1, 50));
        time("page 1, 5xx + keyId + last 7 days", () -> service.list(new RequestLogFilter(List.of(),
                RequestLogFilter.StatusFilter.SERVER_5XX, "gk_key3", null, weekAgo, endMs), 1, 50));
        time("page 1, accountId + 4xx", () -> service.list(new RequestLogFilter(List.of(),
                RequestLogFilter.StatusFilter.CLIENT_4XX, null, "acc_7", null, null), 1, 50));
        time("page 1, query `model:gpt-5.4 status:5xx`", () -> service.list(new RequestLogFilter(
                LogQuery.parse("model:gpt-5.4 status:5xx"), RequestLogFilter.StatusFilter.ALL, null, null, null,
                null), 1, 50));
        time("page 1, query `trace:=<a stored row's trace id>`", () -> service.list(new RequestLogFilter(
                LogQuery.parse("trace:=" + storedTraceId), RequestLogFilter.StatusFilter.ALL, null, null, null,
                null), 1, 50));
        time("page 1, query `trace:=<an id not in the gateway's form>` (reads every row)", () -> service.list(
                new RequestLogFilter(LogQuery.parse("trace:=trc_nonexistent"), RequestLogFilter.StatusFilter.ALL,
                        null, null, null, null), 1, 50));
        time("page 1, `error:\"status 500\"` + last 7 days (2 % match)", () -> service.list(new RequestLogFilter(
                LogQuery.parse("error:\"status 500\""), RequestLogFilter.StatusFilter.ALL, null, null, weekAgo,
                endMs), 1, 50));
        time("page 200 of 50, no filter", () -> service.list(RequestLogFilter.NONE, 200, 50));
        time("summary 30 days, day buckets", () -> service.summary(start.toEpochMilli(), endMs,
                RequestLogService.BucketSize.DAY, 0));
        time("summary 24 h, hour buckets", () -> service.summary(endMs - 86_400_000L, endMs,
                RequestLogService.BucketSize.HOUR, 0));
        time("summary 30 days with unaligned edges (raw partial hours)", () -> service.summary(
                start.toEpochMilli() + 1_234_567, endMs - 1_234_567, RequestLogService.BucketSize.DAY, 480));
    }

    private static void time(String name, Supplier<Object> query) {
        for (int i = 0; i < 3; i++) {
            query.get();
        }
        List<Long> samples = new ArrayList<>();
        Object last = null;
        for (int i = 0; i < 9; i++) {
            long t = System.nanoTime();
            last = query.get();
            samples.add(System.nanoTime() - t);
        }
        samples.sort(null);
        String detail = last instanceof RequestLogService.Page p ? p.items().size() + " rows, total "
                + p.total() + (p.totalCapped() ? "+" : "") : last instanceof RequestLogSummary s ? s.requests()
                + " requests, " + s.buckets().size() + " buckets" : "";
        System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %s |%n", name, samples.get(4) / 1e6,
                samples.get(8) / 1e6, detail);
    }
}
