package com.codexmanager.testkit;

import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsMessageContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Wires the fake's endpoints into one Javalin configuration and records every request before it is handled.
 * Used once, by {@link FakeUpstream}'s constructor.
 */
final class FakeRoutes {
    private static final long MAX_REQUEST_BYTES = 32L * 1024 * 1024;
    private static final int MAX_THREADS = 2048;

    private final FakeUpstreamOptions options;
    private final TokenRegistry tokens;
    private final AccountDirectory accounts;
    private final ModelCatalog catalog;
    private final RequestLog log;
    private final ShutdownSignal shutdown;
    private final Queue<Scenario> sharedScript;

    FakeRoutes(FakeUpstreamOptions options, TokenRegistry tokens, AccountDirectory accounts, ModelCatalog catalog,
            RequestLog log, ShutdownSignal shutdown, Queue<Scenario> sharedScript) {
        this.options = options;
        this.tokens = tokens;
        this.accounts = accounts;
        this.catalog = catalog;
        this.log = log;
        this.shutdown = shutdown;
        this.sharedScript = sharedScript;
    }

    void configure(JavalinConfig cfg, AuthorizeEndpoint authorize, TokenEndpoint token, DeviceAuthEndpoint device,
            ResponsesSocketEndpoint sockets) {
        cfg.startup.showJavalinBanner = false;
        BackendAuth auth = new BackendAuth(tokens, accounts, options);
        cfg.http.compressionStrategy = CompressionStrategy.NONE;
        cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("fake-upstream");
        cfg.jetty.threadPool = threads;
        ResponsesEndpoint responses = new ResponsesEndpoint(auth, new RequestValidator(options, catalog),
                new SseScenarios(options), new SseStreamer(log, shutdown), new ErrorReplies(options.clock()),
                catalog, sharedScript, options);
        UsageEndpoint usage = new UsageEndpoint(auth, options.clock());
        ModelsEndpoint models = new ModelsEndpoint(auth, catalog);
        cfg.routes.before(this::record);
        cfg.routes.get(FakeUpstream.AUTHORIZE_PATH, authorize::handle);
        cfg.routes.post(FakeUpstream.TOKEN_PATH, token::token);
        cfg.routes.post(FakeUpstream.REVOKE_PATH, token::revoke);
        cfg.routes.post(FakeUpstream.DEVICE_USERCODE_PATH, device::userCode);
        cfg.routes.post(FakeUpstream.DEVICE_TOKEN_PATH, device::token);
        cfg.routes.get(FakeUpstream.DEVICE_PAGE_PATH, device::page);
        cfg.routes.post(FakeUpstream.DEVICE_PAGE_PATH, device::submit);
        cfg.routes.post(FakeUpstream.RESPONSES_PATH, responses::responses);
        cfg.routes.get(FakeUpstream.RESPONSES_PATH, responses::websocketUpgrade);
        cfg.routes.ws(FakeUpstream.RESPONSES_PATH, sockets::configure);
        cfg.routes.wsBeforeUpgrade(FakeUpstream.RESPONSES_PATH, ctx -> {
            record(ctx);
            sockets.beforeUpgrade(ctx);
        });
        cfg.routes.post(FakeUpstream.COMPACT_PATH, responses::compact);
        cfg.routes.get(FakeUpstream.MODELS_PATH, models::models);
        cfg.routes.get(FakeUpstream.USAGE_PATH, usage::usage);
        cfg.routes.get(FakeUpstream.CODEX_API_USAGE_PATH, usage::usage);
    }

    /** The endpoint of {@code /responses} upgraded to a WebSocket; it records each frame here. */
    ResponsesSocketEndpoint sockets() {
        BackendAuth auth = new BackendAuth(tokens, accounts, options);
        return new ResponsesSocketEndpoint(auth, tokens, accounts, new RequestValidator(options, catalog),
                new SseScenarios(options), sharedScript, options, log, shutdown, this::record);
    }

    private void record(Context ctx) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(ctx.req().getHeaders(name))));
        }
        String query = ctx.queryString() == null ? "" : ctx.queryString();
        String accountId = tokens.access(BackendAuth.bearer(ctx)).map(TokenRegistry.AccessGrant::accountId)
                .orElse(null);
        log.add(new RecordedRequest(log.nextSequence(), options.clock().instant(), ctx.method().name(), ctx.path(),
                query, headers, ctx.body(), accountId, RecordedRequest.HTTP));
    }

    private void record(WsMessageContext ctx) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ctx.headerMap().forEach((name, value) -> headers.put(name, List.of(value)));
        String header = ctx.header("Authorization");
        String token = header == null || header.length() < 7 ? null : header.substring(7).trim();
        String accountId = tokens.access(token).map(TokenRegistry.AccessGrant::accountId).orElse(null);
        log.add(new RecordedRequest(log.nextSequence(), options.clock().instant(), RecordedRequest.FRAME,
                FakeUpstream.RESPONSES_PATH, "", headers, ctx.message(), accountId, RecordedRequest.WEBSOCKET));
    }
}
