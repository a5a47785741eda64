package com.codexmanager.upstream;

import java.io.IOException;
import org.apache.hc.client5.http.impl.classic.RequestFailedException;
import org.apache.hc.core5.net.URIAuthority;

/**
 * An upstream request failed before its response head while it went through the configured proxy: the proxy was
 * unreachable, refused the tunnel, or dropped the connection. The message names the proxy (never its password)
 * and the original failure, which stays the cause.
 */
public final class UpstreamProxyException extends IOException {
    private UpstreamProxyException(String message, IOException cause) {
        super(message, cause);
    }

    /**
     * Wraps {@code failure} when the request to {@code target} went through {@code proxy}; returns it unchanged for
     * direct connections and for requests we aborted ourselves.
     *
     * @param target the request's host and port; {@code null} when unknown (treated as proxied)
     */
    public static IOException wrap(UpstreamProxy proxy, URIAuthority target, IOException failure) {
        if (proxy.url().isEmpty() || failure instanceof RequestFailedException
                || (target != null && UpstreamProxy.bypasses(target.getHostName()))) {
            return failure;
        }
        return new UpstreamProxyException("through upstream proxy " + proxy + ": "
                + failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure);
    }
}
