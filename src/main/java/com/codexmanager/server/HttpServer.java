package com.codexmanager.server;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinBindException;
import java.util.List;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's Javalin/Jetty server: sized from {@link HttpServerOptions}, compression off (event streams must
 * flush per event), JSON error bodies for every failure, no stack traces to clients. Single-use: start once, stop
 * once. Thread-safe.
 */
public final class HttpServer {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final HttpServerOptions options;
    private final Javalin app;

    public HttpServer(HttpServerOptions options, List<HttpRoutes> routes) {
        this.options = options;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.http.maxRequestSize = options.maxBodyBytes();
            cfg.http.defaultContentType = "application/json";
            boolean virtual = Runtime.version().feature() >= 21;
            cfg.concurrency.useVirtualThreads = virtual;
            if (!virtual) {
                QueuedThreadPool pool = new QueuedThreadPool(options.maxThreads(), options.minThreads(), 60_000);
                pool.setName("http");
                cfg.jetty.threadPool = pool;
            }
            cfg.jetty.modifyServer(server -> server.setStopTimeout(options.stopTimeout().toMillis()));
            cfg.jetty.addConnector((server, httpConfig) -> {
                httpConfig.setSendServerVersion(false);
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                connector.setHost(options.address().host());
                connector.setPort(options.address().port());
                connector.setAcceptQueueSize(options.acceptQueue());
                connector.setReuseAddress(false);
                return connector;
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus())
                    .contentType("application/json")
                    .result(ErrorBodies.openAi(e.getMessage(), "invalid_request_error", ErrorBodies.codeFor(e.getStatus()))));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).contentType("application/json")
                        .result(ErrorBodies.openAi("internal server error", "server_error", "internal_error"));
            });
            cfg.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.contentType("application/json").result(ErrorBodies.openAi(
                            "no route for " + ctx.method() + " " + ctx.path(), "invalid_request_error", "not_found"));
                }
            });
            cfg.routes.error(405, "*", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.contentType("application/json").result(ErrorBodies.openAi("method " + ctx.method()
                            + " not allowed on " + ctx.path(), "invalid_request_error", "method_not_allowed"));
                }
            });
            routes.forEach(r -> r.register(cfg.routes));
        });
    }

    /**
     * Binds and starts serving.
     *
     * @throws PortInUseException when the address is taken
     */
    public void start() {
        try {
            app.start();
        } catch (JavalinBindException e) {
            throw portInUse(e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.net.BindException || e instanceof java.io.UncheckedIOException) {
                throw portInUse(e);
            }
            throw e;
        }
    }

    private PortInUseException portInUse(Exception e) {
        return new PortInUseException("cannot listen on " + options.address() + " (CODEXMANAGER_SERVICE_ADDR): "
                + "the port is already in use or the address is not available", e);
    }

    /** The bound port (useful when the configured port was 0). */
    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }
}
