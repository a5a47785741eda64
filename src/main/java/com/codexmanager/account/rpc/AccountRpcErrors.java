package com.codexmanager.account.rpc;

import com.codexmanager.account.AccountNotFoundException;
import com.codexmanager.crypto.SecretUnavailableException;
import com.codexmanager.rpc.RpcErrorCode;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.rpc.RpcMethod.RpcHandler;
import com.google.gson.JsonObject;

/**
 * Turns the account failure family (unknown account, undecryptable secret, invalid field) into JSON-RPC errors
 * with stable codes. The auth module wraps its handlers in this too, around its own mapping of login and token
 * refresh failures. Stateless.
 */
public final class AccountRpcErrors {
    private AccountRpcErrors() {
    }

    /** Wraps a handler so domain exceptions leave it as {@link RpcException}s. */
    public static RpcHandler guard(RpcHandler handler) {
        return params -> {
            try {
                return handler.handle(params);
            } catch (AccountNotFoundException e) {
                throw new RpcException(RpcErrorCode.NOT_FOUND, e.getMessage());
            } catch (SecretUnavailableException e) {
                throw new RpcException(RpcErrorCode.SECRET_UNAVAILABLE, e.getMessage(), data("secret_unavailable",
                        "login"));
            } catch (IllegalArgumentException e) {
                throw invalid(e);
            }
        };
    }

    /** Validation messages start with the field name ("label: must be …"). */
    static RpcException invalid(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(':');
        if (colon > 0 && message.substring(0, colon).matches("[A-Za-z0-9_.\\[\\]]+")) {
            return RpcException.invalidParams(message.substring(0, colon), message.substring(colon + 1).trim());
        }
        return new RpcException(RpcErrorCode.INVALID_PARAMS, message);
    }

    /** The {@code data} of an error: {@code reason} and, when not null, {@code remedy}. */
    public static JsonObject data(String reason, String remedy) {
        JsonObject data = new JsonObject();
        data.addProperty("reason", reason);
        if (remedy != null) {
            data.addProperty("remedy", remedy);
        }
        return data;
    }
}
