package com.codexmanager.config;

import java.util.Locale;
import java.util.Optional;

/** A parsed {@code host:port}; IPv6 hosts are written in brackets ({@code [::1]:48760}). Immutable. */
public record HostPort(String host, int port) {
    public HostPort {
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code host:port}, {@code [v6]:port} or {@code :port} (host defaults to localhost). */
    public static Optional<HostPort> parse(String text) {
        String value = text.trim();
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String host = value.substring(0, colon);
        String portText = value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return Optional.empty();
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        try {
            int port = Integer.parseInt(portText);
            if (port < 0 || port > 65_535 || host.isBlank() || host.contains(" ")) {
                return Optional.empty();
            }
            return Optional.of(new HostPort(host, port));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the host names this machine only (localhost, 127.0.0.0/8, ::1). */
    public boolean isLoopback() {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    /** Host usable in a URL (brackets around IPv6; wildcard addresses become loopback for clients). */
    public String clientHost() {
        if (host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("::") || host.equals("[::]")) {
            return "[::1]";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public HostPort withPort(int newPort) {
        return new HostPort(host, newPort);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
