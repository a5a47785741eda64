package com.codexmanager.upstream;

import com.codexmanager.config.ProxyUrl;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * How an Apache HttpClient 5 reaches the upstream: directly, or through the one proxy of
 * {@code CODEXMANAGER_UPSTREAM_PROXY_URL}. Loopback targets ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1})
 * always go direct. Immutable and thread-safe; {@link #toString()} never shows the password.
 *
 * <ul>
 *   <li>http and https proxies become the route's proxy hop, both spoken to in plain HTTP (see {@link ProxyUrl}
 *       for why https does not mean TLS to the proxy): plain-http targets are sent as absolute-URI requests,
 *       https targets go through a CONNECT tunnel. User and password answer the proxy's 407 challenge
 *       (Basic).</li>
 *   <li>SOCKS5 proxies go into the socket config of every non-loopback route, and the pool's sockets for those
 *       routes are {@link Socks5Socket}s, which send the URL's user name and password when it has them. For
 *       socks5h the DNS resolver leaves target names unresolved, so the socket sends the host name and the proxy
 *       resolves it.</li>
 * </ul>
 */
public final class UpstreamProxy {
    /** No proxy: every connection is direct. */
    public static final UpstreamProxy DIRECT = new UpstreamProxy(null);

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final ProxyUrl url;

    private UpstreamProxy(ProxyUrl url) {
        this.url = url;
    }

    public static UpstreamProxy of(Optional<ProxyUrl> url) {
        return url.map(UpstreamProxy::new).orElse(DIRECT);
    }

    /** The proxy in use; empty when direct. */
    public Optional<ProxyUrl> url() {
        return Optional.ofNullable(url);
    }

    /** Whether a connection to {@code host} skips the proxy: it does for loopback names and addresses. */
    public static boolean bypasses(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost") || name.equals("localhost.")) {
            return true;
        }
        if (!IPV4_LITERAL.matcher(name).matches() && name.indexOf(':') < 0) {
            return false; // a host name: never resolved here, the proxy may know it better
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress(); // a literal: no DNS lookup happens
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * A connection-pool builder for this proxy: for a SOCKS5 proxy its non-loopback routes go through
     * {@link Socks5Socket}s (and, for socks5h, target names stay unresolved); every other socket is made by
     * {@code direct}, which is asked with a {@code null} proxy. Set no socket config on the builder: the routes'
     * socket configs carry the SOCKS hop.
     */
    public PoolingHttpClientConnectionManagerBuilder poolBuilder(DetachedSocketFactory direct) {
        if (url == null || !url.kind().socks()) {
            return new SocketPoolBuilder(direct);
        }
        PoolingHttpClientConnectionManagerBuilder builder = new SocketPoolBuilder(socks -> socks == null
                || socks.type() != Proxy.Type.SOCKS ? direct.create(null)
                : new Socks5Socket(url.host(), url.port(), url.username(), url.password()));
        SocketConfig viaSocks = SocketConfig.custom()
                .setSocksProxyAddress(InetSocketAddress.createUnresolved(url.host(), url.port()))
                .build();
        builder.setSocketConfigResolver(route -> bypasses(route.getTargetHost().getHostName())
                ? SocketConfig.DEFAULT : viaSocks);
        if (url.kind().remoteDns()) {
            builder.setDnsResolver(new ProxySideDns());
        }
        return builder;
    }

    /** Adds the route planner and proxy credentials for an http(s) proxy. No-op otherwise. */
    public HttpClientBuilder configure(HttpClientBuilder builder) {
        if (url == null || url.kind().socks()) {
            return builder;
        }
        HttpHost proxy = new HttpHost("http", url.host(), url.port());
        builder.setRoutePlanner(new DefaultRoutePlanner(null) {
            @Override
            protected HttpHost determineProxy(HttpHost target, HttpContext context) {
                return bypasses(target.getHostName()) ? null : proxy;
            }
        });
        if (url.hasCredentials()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            String password = url.password() == null ? "" : url.password();
            credentials.setCredentials(new AuthScope(proxy), new UsernamePasswordCredentials(url.username(),
                    password.toCharArray()));
            builder.setDefaultCredentialsProvider(credentials);
        }
        return builder;
    }

    @Override
    public String toString() {
        return url == null ? "direct" : url.toString();
    }

    /**
     * Resolves loopback names as usual and leaves every other name unresolved, so that the JDK's SOCKS client sends
     * the name to the proxy (socks5h).
     */
    private static final class ProxySideDns implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolve(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            return bypasses(host) ? SystemDefaultDnsResolver.INSTANCE.resolve(host, port)
                    : List.of(InetSocketAddress.createUnresolved(host, port));
        }
    }
}
