package com.codexmanager.upstream;

import com.codexmanager.config.ProxyUrl;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream HTTP client that follows {@link Setting#UPSTREAM_PROXY_URL} without a restart, plus one client per
 * account proxy in use ({@link #http(ProxyUrl)}). The client is built for the proxy in effect; when the setting
 * changes, the next {@link #http()} builds a new client and retires the old one. A retired client is not closed at
 * once, because streams may still run on it and a request may have picked it up without leasing a connection yet:
 * its idle connections are closed, and it is closed for good at {@link #close()}. Proxy changes are rare user
 * actions, so the retired pools stay few. Account proxies are looked up in a concurrent map (one pool per distinct
 * proxy URL) and closed at {@link #close()}. Thread-safe.
 */
public final class ProxiedHttpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProxiedHttpClient.class);

    /** A client and the pool it owns; the factory builds one per proxy. */
    public record Pooled(CloseableHttpClient http, PoolingHttpClientConnectionManager connections) {
        void closeGracefully() {
            http.close(CloseMode.GRACEFUL);
            connections.close(CloseMode.GRACEFUL);
        }
    }

    private record Current(String proxySetting, Pooled client) {
    }

    /**
     * A plain request/response client through {@code proxy}: no retries, redirects or cookies, a 30 s wait for a
     * pooled connection. For the small clients (OAuth, usage); the gateway builds its own streaming one.
     *
     * @param userAgent sent on every request, or {@code null} when the caller sets one per request
     */
    public static Pooled simpleClient(UpstreamProxy proxy, Timeout connect, Timeout response, int maxTotal,
            int maxPerRoute, String userAgent) {
        PoolingHttpClientConnectionManager connections = proxy.poolBuilder(direct -> new Socket())
                .setMaxConnTotal(maxTotal)
                .setMaxConnPerRoute(maxPerRoute)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(response)
                        .build())
                .build();
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofSeconds(30))
                        .setResponseTimeout(response)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement();
        if (userAgent != null) {
            builder.setUserAgent(userAgent);
        }
        return new Pooled(proxy.configure(builder).build(), connections);
    }

    private final Supplier<Settings> settings;
    private final Function<UpstreamProxy, Pooled> factory;
    private final String name;
    private final List<Pooled> retired = new ArrayList<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Pooled> accountProxies =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Current current;
    private boolean closed;

    /**
     * @param name    what the client is for, in log lines ({@code gateway}, {@code usage}, {@code oauth})
     * @param factory builds a client configured with the given proxy (its pool from
     *                {@link UpstreamProxy#poolBuilder}, the client through {@link UpstreamProxy#configure})
     */
    public ProxiedHttpClient(String name, Supplier<Settings> settings, Function<UpstreamProxy, Pooled> factory) {
        this.name = name;
        this.settings = settings;
        this.factory = factory;
        this.current = build(settings.get());
    }

    /** The client for the proxy setting in effect now. */
    public CloseableHttpClient http() {
        Settings now = settings.get();
        Current snapshot = current;
        if (snapshot.proxySetting().equals(now.text(Setting.UPSTREAM_PROXY_URL))) {
            return snapshot.client().http();
        }
        return switchTo(now);
    }

    /**
     * The client for an account's own proxy, or for the global setting when {@code accountProxy} is {@code null}.
     * One pool per distinct proxy URL, built on first use.
     */
    public CloseableHttpClient http(ProxyUrl accountProxy) {
        if (accountProxy == null) {
            return http();
        }
        Pooled pooled = accountProxies.get(accountProxy.canonical());
        return pooled != null ? pooled.http() : buildForAccount(accountProxy);
    }

    private synchronized CloseableHttpClient buildForAccount(ProxyUrl accountProxy) {
        if (closed) {
            throw new IllegalStateException(name + " client is closed");
        }
        return accountProxies.computeIfAbsent(accountProxy.canonical(), key -> {
            UpstreamProxy proxy = UpstreamProxy.of(java.util.Optional.of(accountProxy));
            log.info("Upstream {} client for an account uses {}", name, proxy);
            return factory.apply(proxy);
        }).http();
    }

    /** The proxy the current client uses. */
    public UpstreamProxy proxy() {
        return UpstreamProxy.of(settings.get().upstreamProxy());
    }

    /** The proxy a call for an account goes through: its own, else the global one. */
    public UpstreamProxy proxy(ProxyUrl accountProxy) {
        return accountProxy == null ? proxy() : UpstreamProxy.of(java.util.Optional.of(accountProxy));
    }

    private synchronized CloseableHttpClient switchTo(Settings now) {
        if (closed) {
            throw new IllegalStateException(name + " client is closed");
        }
        if (current.proxySetting().equals(now.text(Setting.UPSTREAM_PROXY_URL))) {
            return current.client().http();
        }
        Pooled old = current.client();
        current = build(now);
        // a request may hold the old client without a leased connection yet, so closing it here could fail that
        // request; only its idle sockets go now, the (small) pool object stays until close()
        old.connections().closeIdle(TimeValue.ZERO_MILLISECONDS);
        retired.add(old);
        return current.client().http();
    }

    private Current build(Settings now) {
        UpstreamProxy proxy = UpstreamProxy.of(now.upstreamProxy());
        if (proxy.url().isPresent() || current != null) {
            log.info("Upstream {} client uses {}", name, proxy);
        }
        return new Current(now.text(Setting.UPSTREAM_PROXY_URL), factory.apply(proxy));
    }

    /** The live pool (for the caller's own housekeeping such as closing idle connections). */
    public PoolingHttpClientConnectionManager connections() {
        return current.client().connections();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        retired.forEach(Pooled::closeGracefully);
        retired.clear();
        accountProxies.values().forEach(Pooled::closeGracefully);
        accountProxies.clear();
        try {
            current.client().http().close();
        } catch (IOException ignored) {
            // closing a client only releases sockets
        }
        current.client().connections().close(CloseMode.GRACEFUL);
    }
}
