package com.codexmanager.observability;

import com.codexmanager.config.Setting;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcParam;
import com.codexmanager.rpc.RpcParams;
import com.codexmanager.rpc.RpcRegistry;
import com.codexmanager.settings.AppSettingsService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code requestlog/*} RPC methods. Times are Unix seconds, like every instant the API returns. */
final class RequestLogRpcMethods {
    static final int MAX_TRACE_EVENTS = 200;
    private static final java.util.regex.Pattern TRACE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]+");
    private static final String FROM_DOC = "inclusive start, Unix seconds";
    private static final String TO_DOC = "exclusive end, Unix seconds";

    private final RequestLogService logs;
    private final Clock clock;

    private RequestLogRpcMethods(RequestLogService logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    static void register(RpcRegistry registry, RequestLogService logs, RequestLogWriter writer,
            TraceFileWriter trace, AppSettingsService settings, Clock clock) {
        RequestLogRpcMethods m = new RequestLogRpcMethods(logs, clock);
        registry.register(new RpcMethod("requestlog/list",
                "A page of request logs, newest first; total is capped at 10000, 1000 with a query (totalCapped).", List.of(
                RpcParam.optional("query", "string", "search: text, field:value (substring), field:=value (exact); "
                        + "fields " + String.join(", ", LogQuery.FIELDS.keySet().stream().sorted().toList())),
                RpcParam.optional("statusFilter", "string", "all (default) | 2xx | 4xx | 5xx"),
                RpcParam.optional("keyId", "string", "only this platform key"),
                RpcParam.optional("accountId", "string", "only requests answered by this account"),
                RpcParam.optional("from", "integer", FROM_DOC),
                RpcParam.optional("to", "integer", TO_DOC),
                RpcParam.optional("page", "integer", "1-based page, default 1"),
                RpcParam.optional("pageSize", "integer", "1..500, default 20")), m::list));
        registry.register(new RpcMethod("requestlog/summary",
                "Requests, success rate, tokens by model and chart buckets over [from, to).", List.of(
                RpcParam.optional("from", "integer", FROM_DOC + "; default to - 24 h"),
                RpcParam.optional("to", "integer", TO_DOC + "; default now"),
                RpcParam.optional("bucket", "string", "auto (default: hour up to 48 h, else day) | hour | day"),
                RpcParam.optional("utcOffsetMinutes", "integer", "the caller's UTC offset for day buckets")),
                m::summary));
        registry.register(new RpcMethod("requestlog/clear",
                "Deletes every stored request log; hourly totals stay unless includeTotals.", List.of(
                RpcParam.optional("includeTotals", "boolean", "also delete the hourly totals (default false)")),
                p -> {
                    logs.clear(p.optionalBoolean("includeTotals").orElse(false));
                    return Map.of("ok", true);
                }));
        TraceReader reader = new TraceReader(trace.file(), TraceFileWriter.KEPT_FILES);
        registry.register(new RpcMethod("requestlog/trace",
                "The trace events of one request from gateway-trace.log and its rotated files, oldest first, at most "
                        + MAX_TRACE_EVENTS + " (the newest; truncated says older ones may exist). Each event: ts "
                        + "(Unix seconds), tsMillis, event, fields. The writer is asynchronous: the last events of a "
                        + "request that just finished may appear a moment later.", List.of(
                RpcParam.required("traceId", "string", "the X-CodexManager-Trace-Id of the request (the log's traceId)")),
                p -> {
                    String traceId = p.nonBlank("traceId");
                    if (traceId.length() > 128 || !TRACE_ID.matcher(traceId).matches()) {
                        throw RpcException.invalidParams("traceId", "must be 1..128 letters, digits, '.', '_', ':' or '-'");
                    }
                    TraceReader.Found found = reader.read(traceId, MAX_TRACE_EVENTS);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("traceId", traceId);
                    out.put("events", found.events().stream().map(e -> {
                        Map<String, Object> event = new LinkedHashMap<>();
                        event.put("ts", e.ts());
                        event.put("tsMillis", e.tsMillis());
                        event.put("event", e.event());
                        event.put("fields", e.fields());
                        return event;
                    }).toList());
                    out.put("truncated", found.truncated());
                    return out;
                }));
        registry.register(new RpcMethod("requestlog/status",
                "Writer counters (accepted, written, dropped, failed, queued), trace counters, retention.",
                List.of(), p -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("writer", writer.stats());
                    out.put("traceWritten", trace.writtenEvents());
                    out.put("traceLost", trace.lostEvents());
                    out.put("retentionDays", settings.current().number(Setting.REQUEST_LOG_RETENTION_DAYS));
                    return out;
                }));
    }

    private Object list(RpcParams p) {
        RequestLogFilter.StatusFilter status = RequestLogFilter.StatusFilter.parse(
                p.optionalString("statusFilter").orElse("all")).orElseThrow(
                        () -> RpcException.invalidParams("statusFilter", "must be all, 2xx, 4xx or 5xx"));
        List<LogQuery.Condition> terms;
        try {
            terms = LogQuery.parse(p.optionalString("query").orElse(""));
        } catch (LogQuery.InvalidQueryException e) {
            throw RpcException.invalidParams("query", e.getMessage());
        }
        Long from = millis(p, "from");
        Long to = millis(p, "to");
        if (from != null && to != null && to <= from) {
            throw RpcException.invalidParams("to", "must be after from");
        }
        RequestLogFilter filter = new RequestLogFilter(terms, status, blankToNull(p, "keyId"),
                blankToNull(p, "accountId"), from, to);
        return logs.list(filter, p.intInRange("page", 1, 1, 1_000_000), p.intInRange("pageSize", 20, 1, 500));
    }

    private Object summary(RpcParams p) {
        long to = millisOr(p, "to", clock.millis());
        long from = millisOr(p, "from", to - Duration.ofHours(24).toMillis());
        RequestLogService.BucketSize size;
        try {
            size = RequestLogService.BucketSize.valueOf(p.optionalString("bucket").orElse("auto").trim()
                    .toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("bucket", "must be auto, hour or day");
        }
        int offset = p.intInRange("utcOffsetMinutes", 0, -14 * 60, 14 * 60);
        try {
            return logs.summary(from, to, size, offset);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(':');
            throw RpcException.invalidParams(message.substring(0, colon), message.substring(colon + 2));
        }
    }

    private static Long millis(RpcParams p, String name) {
        return p.optionalEpochSeconds(name).map(Instant::toEpochMilli).orElse(null);
    }

    private static long millisOr(RpcParams p, String name, long fallback) {
        Long value = millis(p, name);
        return value == null ? fallback : value;
    }

    private static String blankToNull(RpcParams p, String name) {
        return p.optionalString(name).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
    }
}
