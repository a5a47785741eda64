package com.codexmanager.account.rpc;

import com.codexmanager.account.AccountNotFoundException;
import com.codexmanager.auth.LoginException;
import com.codexmanager.auth.TokenRefreshException;
import com.codexmanager.crypto.SecretUnavailableException;
import com.codexmanager.rpc.RpcErrorCode;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.rpc.RpcMethod.RpcHandler;
import com.google.gson.JsonObject;
import java.util.Locale;

/** Turns the account and login failure families into JSON-RPC errors with stable codes. Stateless. */
final class AccountRpcErrors {
    private AccountRpcErrors() {
    }

    /** Wraps a handler so domain exceptions leave it as {@link RpcException}s. */
    static RpcHandler guard(RpcHandler handler) {
        return params -> {
            try {
                return handler.handle(params);
            } catch (AccountNotFoundException e) {
                throw new RpcException(RpcErrorCode.NOT_FOUND, e.getMessage());
            } catch (SecretUnavailableException e) {
                throw new RpcException(RpcErrorCode.SECRET_UNAVAILABLE, e.getMessage(), data("secret_unavailable",
                        "login"));
            } catch (LoginException e) {
                throw login(e);
            } catch (TokenRefreshException e) {
                RpcErrorCode code = e.kind() == TokenRefreshException.Kind.NOT_REFRESHABLE
                        ? RpcErrorCode.INVALID_STATE : RpcErrorCode.UPSTREAM_ERROR;
                JsonObject data = data(e.reason(), e.kind() == TokenRefreshException.Kind.TRANSIENT ? "retry"
                        : "login");
                data.addProperty("kind", e.kind().name().toLowerCase(Locale.ROOT));
                throw new RpcException(code, e.getMessage(), data);
            } catch (IllegalArgumentException e) {
                throw invalid(e);
            }
        };
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

    /** Validation messages start with the field name ("label: must be …"). */
    static RpcException invalid(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(':');
        if (colon > 0 && message.substring(0, colon).matches("[A-Za-z0-9_.\\[\\]]+")) {
            return RpcException.invalidParams(message.substring(0, colon), message.substring(colon + 1).trim());
        }
        return new RpcException(RpcErrorCode.INVALID_PARAMS, message);
    }

    private static JsonObject data(String reason, String remedy) {
        JsonObject data = new JsonObject();
        data.addProperty("reason", reason);
        if (remedy != null) {
            data.addProperty("remedy", remedy);
        }
        return data;
    }
}
