package com.codexmanager.gateway.upstream;

import com.codexmanager.config.ProxyUrl;
import com.codexmanager.config.Settings;
import com.codexmanager.upstream.ProxiedHttpClient;
import com.codexmanager.upstream.UpstreamProxy;
import com.codexmanager.upstream.UpstreamProxyException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client toward the ChatGPT backend: a large connection pool (streams hold a connection each), explicit
 * connect timeout, no automatic retries or redirects (a retried model call spends quota twice), and
 * {@link UpstreamCall#cancel()} to drop a request at once when the client goes away. First-byte and idle
 * timeouts are enforced by the gateway's watchdog: model calls ({@link #preparePost}) read without a socket timeout,
 * and other requests keep one only as a last-resort backstop.
 * Connections go through the account's own proxy when it has one, else through
 * {@code CODEXMANAGER_UPSTREAM_PROXY_URL} when it is set ({@link ProxiedHttpClient}).
 * Thread-safe; close once.
 */
public final class UpstreamClient implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 4096;

    private final ProxiedHttpClient http;
    private final RequestConfig watched;

    /**
     * @param settings the live settings; the client follows {@code UPSTREAM_PROXY_URL} on the next request
     */
    public UpstreamClient(Duration connectTimeout, Duration socketBackstop, Supplier<Settings> settings) {
        this.http = new ProxiedHttpClient("gateway", settings, proxy -> build(proxy, connectTimeout,
                socketBackstop));
        this.watched = requestConfig(connectTimeout, Timeout.DISABLED);
    }

    private static RequestConfig requestConfig(Duration connectTimeout, Timeout responseTimeout) {
        return RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                .setResponseTimeout(responseTimeout)
                .setRedirectsEnabled(false)
                .build();
    }

    private static ProxiedHttpClient.Pooled build(UpstreamProxy proxy, Duration connectTimeout,
            Duration socketBackstop) {
        PoolingHttpClientConnectionManager connections = RelayConnections.poolBuilder(proxy)
                // LAX: lease and release without the pool-wide lock that serialised every request
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(socketBackstop))
                        .setTimeToLive(Timeout.ofMinutes(10))
                        .build())
                .build();
        CloseableHttpClient client = proxy.configure(HttpClients.custom()
                        .setConnectionManager(connections)
                        .setDefaultRequestConfig(requestConfig(connectTimeout, Timeout.of(socketBackstop)))
                        .disableAutomaticRetries()
                        .disableRedirectHandling()
                        .disableCookieManagement()
                        .disableContentCompression()
                        .evictIdleConnections(Timeout.ofMinutes(1))
                        .setUserAgent("codexmanager"))
                .build();
        return new ProxiedHttpClient.Pooled(client, connections);
    }

    /**
     * Prepares a POST without sending it, so that a watchdog can {@link Pending#cancel()} it even while it waits
     * for the response head. The caller's watchdog is its only timeout: its reads wait without a socket timeout,
     * because a timed read on a socket channel costs four more system calls than a plain one (non-blocking mode on
     * and off around a poll), on every read of a stream.
     */
    public Pending preparePost(URI uri, Map<String, String> headers, byte[] jsonBody) {
        return preparePost(uri, headers, jsonBody, null);
    }

    /**
     * Like {@link #preparePost(URI, Map, byte[])} through an account's own proxy.
     *
     * @param proxy the account's proxy, or {@code null} for the global one
     */
    public Pending preparePost(URI uri, Map<String, String> headers, byte[] jsonBody, ProxyUrl proxy) {
        HttpPost post = new HttpPost(uri);
        post.setConfig(watched);
        post.setEntity(new ByteArrayEntity(jsonBody, ContentType.APPLICATION_JSON));
        headers.forEach(post::setHeader);
        return new Pending(post, proxy);
    }

    /**
     * Whether a call for an account to {@code host} goes without a proxy: the account has none and no global one is
     * set, or the host is loopback.
     *
     * @param proxy the account's proxy, or {@code null}
     */
    public boolean direct(ProxyUrl proxy, String host) {
        return http.proxy(proxy).url().isEmpty() || UpstreamProxy.bypasses(host);
    }

    /** A request that may be cancelled from another thread before or while it is sent. */
    public final class Pending {
        private final HttpUriRequestBase request;
        private final ProxyUrl proxy;

        private Pending(HttpUriRequestBase request, ProxyUrl proxy) {
            this.request = request;
            this.proxy = proxy;
        }

        /** Sends the request and waits for the response head. */
        public UpstreamCall open() throws IOException {
            return send(request, proxy);
        }

        public void cancel() {
            request.cancel();
        }
    }

    /** Sends a GET and returns once the response head has arrived. */
    public UpstreamCall get(URI uri, Map<String, String> headers) throws IOException {
        return get(uri, headers, null);
    }

    /**
     * Sends a GET through an account's own proxy ({@code null}: the global one) and returns once the response head
     * has arrived.
     */
    public UpstreamCall get(URI uri, Map<String, String> headers, ProxyUrl proxy) throws IOException {
        HttpGet request = new HttpGet(uri);
        headers.forEach(request::setHeader);
        return send(request, proxy);
    }

    /** Failures before the response head name the proxy they went through, so that logs point at it. */
    private UpstreamCall send(HttpUriRequestBase request, ProxyUrl proxy) throws IOException {
        CloseableHttpClient client = http.http(proxy);
        try {
            ClassicHttpResponse response = client.executeOpen(null, request, null);
            return new UpstreamCall(request, response);
        } catch (IOException e) {
            throw UpstreamProxyException.wrap(http.proxy(proxy), request.getAuthority(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
