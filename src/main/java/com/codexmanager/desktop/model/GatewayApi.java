package com.codexmanager.desktop.model;

import com.codexmanager.desktop.rpc.RpcCall;
import com.codexmanager.desktop.rpc.RpcClient;
import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The pinned account of the gateway ({@code gateway/manualAccount/*}): the account it tries first while that account
 * is usable. Pinning never reorders the pool. Thread-safe.
 */
public final class GatewayApi {
    private final RpcClient rpc;

    public GatewayApi(RpcClient rpc) {
        this.rpc = rpc;
    }

    /** The pinned account id; empty when routing is automatic or the service cannot pin. */
    public CompletableFuture<Optional<String>> pinned() {
        return rpc.call(RpcCall.PIN_GET).handle((r, error) -> error != null ? Optional.empty()
                : Optional.of(Json2.text(r, "accountId")).filter(id -> !id.isBlank()));
    }

    public CompletableFuture<Void> pin(String accountId) {
        JsonObject params = new JsonObject();
        params.addProperty("accountId", accountId);
        return rpc.call(RpcCall.PIN_SET, params).thenApply(r -> null);
    }

    /** Back to automatic routing. */
    public CompletableFuture<Void> unpin() {
        return rpc.call(RpcCall.PIN_CLEAR).thenApply(r -> null);
    }
}
