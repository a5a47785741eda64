package com.codexmanager.module;

import com.codexmanager.config.HostPort;

/**
 * The address the service is reachable at: the configured one until the server binds, then the bound one (which
 * differs when the configured port is 0). Thread-safe.
 */
public final class ServiceAddress {
    private volatile HostPort address;

    /** The composition root creates it with the configured address. */
    public ServiceAddress(HostPort configured) {
        this.address = configured;
    }

    /** The composition root reports the port the server bound to. */
    public void bound(int port) {
        this.address = address.withPort(port);
    }

    public HostPort current() {
        return address;
    }

    /** {@code http://host:port} usable by clients on this machine. */
    public String baseUrl() {
        HostPort a = address;
        return "http://" + a.clientHost() + ":" + a.port();
    }
}
