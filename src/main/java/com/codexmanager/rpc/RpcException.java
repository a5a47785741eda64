package com.codexmanager.rpc;

import com.google.gson.JsonElement;

/**
 * A failure reported to the RPC caller as a JSON-RPC {@code error} member. The message is shown to users: it names
 * the field or the entity, never a secret. Handlers throw it; the dispatcher renders it.
 */
public class RpcException extends RuntimeException {
    private final RpcErrorCode code;
    private final transient JsonElement data;

    public RpcException(RpcErrorCode code, String message) {
        this(code, message, null);
    }

    /** @param data optional structured detail ({@code error.data}); may be {@code null} */
    public RpcException(RpcErrorCode code, String message, JsonElement data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public RpcErrorCode code() {
        return code;
    }

    /** Structured detail, or {@code null}. */
    public JsonElement data() {
        return data;
    }

    public static RpcException invalidParams(String field, String problem) {
        com.google.gson.JsonObject detail = new com.google.gson.JsonObject();
        detail.addProperty("field", field);
        return new RpcException(RpcErrorCode.INVALID_PARAMS, field + ": " + problem, detail);
    }

    public static RpcException notFound(String what, String id) {
        return new RpcException(RpcErrorCode.NOT_FOUND, what + " not found: " + id);
    }
}
