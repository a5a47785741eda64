package com.codexmanager.server;

import com.codexmanager.config.HostPort;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests whose {@code Host} header names another machine while the service listens on loopback only.
 * A web page can make a browser resolve its own host name to 127.0.0.1 (DNS rebinding) and then talk to the
 * service as a same-origin page; such requests still carry the page's host name, which this guard rejects.
 * When the service listens on a LAN address every host name is allowed (the RPC token and key checks stand).
 * Immutable; thread-safe.
 */
public final class HostHeaderGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private final boolean loopbackOnly;
    private final String configuredHost;

    public HostHeaderGuard(HostPort listenAddress) {
        this.loopbackOnly = listenAddress.isLoopback();
        this.configuredHost = listenAddress.host().toLowerCase(Locale.ROOT);
    }

    /** Whether a request with this {@code Host} header (may be {@code null}) may reach a guarded route. */
    public boolean allows(String hostHeader) {
        if (!loopbackOnly) {
            return true;
        }
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = hostName(hostHeader.trim().toLowerCase(Locale.ROOT));
        return LOOPBACK_NAMES.contains(host) || host.equals(configuredHost) || host.startsWith("127.")
                && host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static String hostName(String header) {
        if (header.startsWith("[")) {
            int end = header.indexOf(']');
            return end < 0 ? header : header.substring(0, end + 1);
        }
        int colon = header.lastIndexOf(':');
        return colon < 0 ? header : header.substring(0, colon);
    }
}
