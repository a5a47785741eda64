package com.codexmanager.desktop.rpc;

import java.net.URI;

/**
 * Where the service's JSON-RPC endpoint is and the token it wants. Immutable; {@link #toString()} hides the token.
 *
 * @param baseUrl {@code http://host:port} of the service, without a trailing slash
 * @param token   the value sent in {@code X-CodexManager-Rpc-Token}
 */
public record RpcEndpoint(String baseUrl, String token) {
    public RpcEndpoint {
        if (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("RPC token must not be blank");
        }
    }

    public URI rpcUri() {
        return URI.create(baseUrl + "/rpc");
    }

    /** The gateway base URL that coding tools use ({@code …/v1}). */
    public String gatewayUrl() {
        return baseUrl + "/v1";
    }

    @Override
    public String toString() {
        return "RpcEndpoint[" + baseUrl + ", token=***]";
    }
}
