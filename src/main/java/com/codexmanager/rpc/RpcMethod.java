package com.codexmanager.rpc;

import java.util.List;

/**
 * An RPC method: its name (as in the original product, e.g. {@code account/list}), a one-line description, its
 * declared parameters and the handler. Immutable.
 */
public record RpcMethod(String name, String description, List<RpcParam> params, RpcHandler handler) {
    public RpcMethod {
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*(/[A-Za-z][A-Za-z0-9_]*)*")) {
            throw new IllegalArgumentException("bad RPC method name: " + name);
        }
        params = List.copyOf(params);
    }

    /** Runs a method; returns any object Gson can serialise (records, maps, JsonElements). */
    @FunctionalInterface
    public interface RpcHandler {
        Object handle(RpcParams params);
    }
}
