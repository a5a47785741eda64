package com.codexmanager.auth.rpc;

import static com.codexmanager.account.rpc.AccountRpcErrors.data;

import com.codexmanager.account.rpc.AccountRpcErrors;
import com.codexmanager.auth.LoginException;
import com.codexmanager.auth.TokenRefreshException;
import com.codexmanager.rpc.RpcErrorCode;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.rpc.RpcMethod.RpcHandler;
import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * Turns the login and token refresh failure families into JSON-RPC errors with stable codes; the account family
 * (unknown account, undecryptable secret, invalid field) is left to {@link AccountRpcErrors}. Stateless.
 */
final class AuthRpcErrors {
    private AuthRpcErrors() {
    }

    /** Wraps a handler so domain exceptions leave it as {@link RpcException}s. */
    static RpcHandler guard(RpcHandler handler) {
        return AccountRpcErrors.guard(params -> {
            try {
                return handler.handle(params);
            } catch (LoginException e) {
                throw login(e);
            } catch (TokenRefreshException e) {
                RpcErrorCode code = e.kind() == TokenRefreshException.Kind.NOT_REFRESHABLE
                        ? RpcErrorCode.INVALID_STATE : RpcErrorCode.UPSTREAM_ERROR;
                JsonObject data = data(e.reason(), e.kind() == TokenRefreshException.Kind.TRANSIENT ? "retry"
                        : "login");
                data.addProperty("kind", e.kind().name().toLowerCase(Locale.ROOT));
                throw new RpcException(code, e.getMessage(), data);
            }
        });
    }

    private static RpcException login(LoginException e) {
        String reason = e.code().name().toLowerCase(Locale.ROOT);
        RpcErrorCode code = switch (e.code()) {
            case INVALID_CALLBACK -> RpcErrorCode.INVALID_PARAMS;
            case NOT_FOUND -> RpcErrorCode.NOT_FOUND;
            case ACCESS_DENIED, CODEX_NOT_ENABLED, EXCHANGE_FAILED, DEVICE_LOGIN_DISABLED, DEVICE_POLL_FAILED ->
                    RpcErrorCode.UPSTREAM_ERROR;
            default -> RpcErrorCode.INVALID_STATE;
        };
        JsonObject data = data(reason, null);
        if (e.code() == LoginException.Code.INVALID_CALLBACK) {
            data.addProperty("field", "callbackUrl");
            return new RpcException(code, "callbackUrl: " + e.getMessage(), data);
        }
        return new RpcException(code, e.getMessage(), data);
    }
}
