package com.codexmanager.rpc;

/** JSON-RPC error codes: the standard ones and CodexManager's application codes (-32000 … -32099). */
public enum RpcErrorCode {
    PARSE_ERROR(-32700),
    INVALID_REQUEST(-32600),
    METHOD_NOT_FOUND(-32601),
    INVALID_PARAMS(-32602),
    INTERNAL_ERROR(-32603),
    /** A domain error not covered below. */
    APPLICATION_ERROR(-32000),
    /** The RPC token is missing or wrong (transport-level, HTTP 401). */
    UNAUTHORIZED(-32001),
    /** The request came from a browser page of another origin (HTTP 403). */
    FORBIDDEN(-32003),
    NOT_FOUND(-32004),
    CONFLICT(-32009),
    /** The operation is valid but not possible in the current state (e.g. a login already finished). */
    INVALID_STATE(-32010),
    /** An upstream service (OAuth issuer, usage endpoint) failed. */
    UPSTREAM_ERROR(-32020),
    /** Stored secrets cannot be decrypted (master key lost); the user must log in again. */
    SECRET_UNAVAILABLE(-32030);

    private final int code;

    RpcErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
