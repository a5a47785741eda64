package com.codexmanager.upstream;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;

/**
 * A connection-pool builder whose sockets come from one {@link DetachedSocketFactory}: HttpClient's builder takes
 * one only through this protected hook. Single-thread, like the builder it extends.
 */
final class SocketPoolBuilder extends PoolingHttpClientConnectionManagerBuilder {
    private final DetachedSocketFactory sockets;

    SocketPoolBuilder(DetachedSocketFactory sockets) {
        this.sockets = sockets;
    }

    @Override
    protected HttpClientConnectionOperator createConnectionOperator(SchemePortResolver ports, DnsResolver dns,
            TlsSocketStrategy tls) {
        return new DefaultHttpClientConnectionOperator(sockets, ports, dns,
                RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tls).build());
    }
}
