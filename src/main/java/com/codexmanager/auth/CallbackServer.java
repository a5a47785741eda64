package com.codexmanager.auth;

import com.codexmanager.concurrent.Executors2;
import com.codexmanager.config.HostPort;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local OAuth callback server: answers {@code GET /auth/callback} with the page the handler renders and 404
 * elsewhere. For {@code localhost} it listens on 127.0.0.1 and, when available, on ::1 at the same port (browsers
 * may resolve either). Non-loopback addresses are refused unless explicitly allowed. Thread-safe; close once.
 */
final class CallbackServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallbackServer.class);
    static final String CALLBACK_PATH = "/auth/callback";

    private final List<HttpServer> servers;
    private final ExecutorService executor;
    private final int port;

    private CallbackServer(List<HttpServer> servers, ExecutorService executor, int port) {
        this.servers = servers;
        this.executor = executor;
        this.port = port;
    }

    /**
     * Binds and starts serving.
     *
     * @throws LoginException {@code NON_LOOPBACK} or {@code PORT_IN_USE}, naming the setting to change
     */
    static CallbackServer start(HostPort address, boolean allowNonLoopback,
            Function<Map<String, String>, CallbackPage> handler, Runnable afterResponse) {
        if (!address.isLoopback() && !allowNonLoopback) {
            throw new LoginException(LoginException.Code.NON_LOOPBACK, "CODEXMANAGER_LOGIN_ADDR=" + address
                    + " is not a loopback address; the login callback must stay on this machine. Use localhost, or "
                    + "set CODEXMANAGER_ALLOW_NON_LOOPBACK_LOGIN_ADDR=true if you really need it.");
        }
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64),
                r -> {
                    Thread t = new Thread(r, "login-callback-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        List<HttpServer> servers = new ArrayList<>();
        try {
            boolean localhost = address.host().equalsIgnoreCase("localhost");
            HttpServer first = bind(localhost ? "127.0.0.1" : address.host(), address.port(), address);
            servers.add(first);
            int port = first.getAddress().getPort();
            if (localhost) {
                bindOptional("::1", port).ifPresent(servers::add);
            }
            for (HttpServer server : servers) {
                server.createContext("/", exchange -> {
                    serve(exchange, handler);
                    afterResponse.run();
                });
                server.setExecutor(executor);
                server.start();
            }
            return new CallbackServer(servers, executor, port);
        } catch (RuntimeException e) {
            servers.forEach(s -> s.stop(0));
            executor.shutdownNow();
            throw e;
        }
    }

    private static HttpServer bind(String host, int port, HostPort configured) {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 16);
        } catch (BindException e) {
            throw new LoginException(LoginException.Code.PORT_IN_USE, "cannot listen on " + configured
                    + " (CODEXMANAGER_LOGIN_ADDR): the port is already in use, maybe by another login (a Codex CLI "
                    + "login uses the same port). Finish or cancel that login, or set CODEXMANAGER_LOGIN_ADDR to a "
                    + "free port together with a matching CODEXMANAGER_REDIRECT_URI.", e);
        } catch (UnknownHostException e) {
            throw new LoginException(LoginException.Code.NON_LOOPBACK, "CODEXMANAGER_LOGIN_ADDR=" + configured
                    + ": unknown host", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the login callback server on " + configured, e);
        }
    }

    private static java.util.Optional<HttpServer> bindOptional(String host, int port) {
        try {
            return java.util.Optional.of(HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port),
                    16));
        } catch (IOException e) {
            log.debug("Login callback not listening on {}: {}", host, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static void serve(HttpExchange exchange, Function<Map<String, String>, CallbackPage> handler)
            throws IOException {
        try (exchange) {
            CallbackPage page;
            if (!"GET".equals(exchange.getRequestMethod())) {
                page = CallbackPage.error(405, "Only GET is supported here.");
            } else if (!CALLBACK_PATH.equals(exchange.getRequestURI().getPath())) {
                page = CallbackPage.error(404, "Not found.");
            } else {
                page = handler.apply(query(exchange.getRequestURI().getRawQuery()));
            }
            byte[] body = page.html().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(page.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Decodes a raw query string; the first value of a repeated name wins. */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        // Up to one second for exchanges in flight (a success page being written) to finish.
        servers.forEach(s -> s.stop(1));
        // never shutdownNow: a login being completed may be saving its account
        Executors2.stop(executor, Duration.ofSeconds(5), "login callback server");
    }
}
