package com.codexmanager.server;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinBindException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's Javalin/Jetty server: sized from {@link HttpServerOptions}, compression off (event streams must
 * flush per event), JSON error bodies for every failure, no stack traces to clients. Shutdown is in steps:
 * {@link #stopAccepting} (port released), {@link #awaitDrained} (requests finish), {@link #stop()}.
 * Single-use: start once, stop once. Thread-safe.
 */
public final class HttpServer {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private static final int UPGRADE_SESSION_SECONDS = 60;
    /** At stop, what is still connected closes after this much silence. */
    private static final long CLOSE_IDLE_MILLIS = 100;
    private static final int RESPONSE_BUFFER_BYTES = 8192;

    private final HttpServerOptions options;
    private final Javalin app;
    private final GracefulHandler graceful = new GracefulHandler();
    private volatile CompletableFuture<Void> draining;

    public HttpServer(HttpServerOptions options, List<HttpRoutes> routes) {
        this.options = options;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.http.maxRequestSize = options.maxBodyBytes();
            cfg.http.defaultContentType = "application/json";
            // Platform threads on every runtime, deliberately: with virtual threads on JDK 25 the 1,000-stream relay
            // benchmark lagged +1.2 s at p99 and coalesced 58 % of the deltas (a few carriers multiplex every
            // stream), against +0.15 s and 21 % on a thread pool sized from GATEWAY_MAX_INFLIGHT (BENCHMARKS.md).
            QueuedThreadPool pool = new QueuedThreadPool(options.maxThreads(), options.minThreads(), 60_000);
            pool.setName("http");
            cfg.jetty.threadPool = pool;
            cfg.jetty.modifyServer(server -> {
                server.setStopTimeout(options.stopTimeout().toMillis());
                server.setErrorHandler(new JsonErrorHandler());
                // Javalin puts its servlet context inside this wrapper: it counts requests for the drain
                server.setHandler(graceful);
            });
            // Nothing here uses HTTP sessions, but Javalin opens one for every WebSocket upgrade (to snapshot its
            // attributes); without a timeout each would stay in memory for good.
            cfg.jetty.modifyServletContextHandler(context -> context.getSessionHandler()
                    .setMaxInactiveInterval(UPGRADE_SESSION_SECONDS));
            cfg.jetty.addConnector((server, httpConfig) -> {
                httpConfig.setSendServerVersion(false);
                // Each open response holds one aggregation buffer from the pool, kept pooled after the response:
                // at Jetty's 32 KB that is 32 MB with 1,000 streams. An event is a few hundred bytes; a body larger
                // than the buffer is written straight through.
                httpConfig.setOutputBufferSize(RESPONSE_BUFFER_BYTES);
                httpConfig.setOutputAggregationSize(RESPONSE_BUFFER_BYTES);
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                connector.setHost(options.address().host());
                connector.setPort(options.address().port());
                connector.setAcceptQueueSize(options.acceptQueue());
                // Reuse: a restarted service binds at once instead of waiting out TIME_WAIT; the data-dir lock
                // already keeps a second live instance away, and Linux still refuses a port someone listens on.
                connector.setReuseAddress(true);
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

    /**
     * Closes the listening socket (a restarted service can bind the port at once) and answers 503 to requests that
     * arrive on connections already open; requests being served go on.
     *
     * @param quietGrace how long an open connection may now go without progress: the whole shutdown (drain period
     *                   plus ending the open streams). Jetty would otherwise cut it to 1 s, and a stream silent for
     *                   that long, or a write waiting on a slow reader, would fail in the middle of the drain.
     */
    public void stopAccepting(Duration quietGrace) {
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector withIdle) {
                withIdle.setShutdownIdleTimeout(quietGrace.toMillis());
            }
            connector.shutdown();
        }
        drainFuture();
    }

    /**
     * Waits up to {@code timeout} for the requests being served to finish ({@link #stopAccepting} first).
     *
     * @return whether none is left
     */
    public boolean awaitDrained(Duration timeout) {
        try {
            drainFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            log.warn("Waiting for open requests failed: {}", e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Requests being served right now. */
    public long activeRequests() {
        return graceful.getCurrentRequestCount();
    }

    private synchronized CompletableFuture<Void> drainFuture() {
        if (draining == null) {
            draining = graceful.shutdown();
        }
        return draining;
    }

    public void stop() {
        // What is still connected now is idle keep-alives (or requests past the drain): let Jetty close them at
        // once, as its own 1 s shutdown timeout would have, instead of waiting out the server's stop timeout. The
        // server's stop shuts the connectors down again, which gives every connection their shutdown idle timeout.
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector withIdle) {
                withIdle.setShutdownIdleTimeout(CLOSE_IDLE_MILLIS);
            }
        }
        app.stop();
    }
}
