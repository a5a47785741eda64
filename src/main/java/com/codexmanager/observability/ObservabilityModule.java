package com.codexmanager.observability;

import com.codexmanager.concurrent.Executors2;
import com.codexmanager.module.ServiceContext;
import com.codexmanager.module.ServiceModule;
import java.time.Duration;

/**
 * Request logs and the gateway trace as a service feature: registers {@code requestlog/*}, runs the request-log
 * writer, the trace writer and the hourly retention task, and hands {@link #requestLog()} and {@link #trace()} to
 * the gateway module. {@link #close()} stops retention and flushes both writers (bounded waits).
 */
public final class ObservabilityModule implements ServiceModule {
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    private final RequestLogWriter writer;
    private final TraceFileWriter trace;
    private final RequestLogService service;
    private final RequestLogMaintenance maintenance;

    public ObservabilityModule(ServiceContext context) {
        RequestLogRepository repository = new RequestLogRepository(context.database().sql().relaxed(),
                context.database().shared());
        this.writer = new RequestLogWriter(repository, RequestLogWriter.DEFAULT_CAPACITY);
        this.trace = new TraceFileWriter(context.dataDir().traceLog(), context.settings()::current, context.clock());
        HourlyTotals totals = new HourlyTotals(context.database().sql().relaxed(), repository);
        this.service = new RequestLogService(repository, totals);
        this.maintenance = new RequestLogMaintenance(totals, context.settings()::current, context.clock(),
                Executors2.scheduler("codexmanager-requestlog-retention"),
                context.singleRunner("requestlog-maintenance"));
        RequestLogRpcMethods.register(context.rpc(), service, writer, trace, context.settings(), context.clock());
    }

    /** Where the gateway records each request. */
    public RequestLogSink requestLog() {
        return writer;
    }

    /** Where the gateway writes trace events. */
    public TraceLog trace() {
        return trace;
    }

    public RequestLogWriter writer() {
        return writer;
    }

    public RequestLogService service() {
        return service;
    }

    public RequestLogMaintenance maintenance() {
        return maintenance;
    }

    @Override
    public void start() {
        maintenance.start();
    }

    @Override
    public void close() {
        maintenance.close();
        writer.close(FLUSH_TIMEOUT);
        trace.close();
    }
}
