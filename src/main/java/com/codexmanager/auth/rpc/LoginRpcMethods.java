package com.codexmanager.auth.rpc;

import static com.codexmanager.auth.rpc.AuthRpcErrors.guard;

import com.codexmanager.account.rpc.AccountRpcParams;
import com.codexmanager.auth.LoginRequest;
import com.codexmanager.auth.LoginService;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcParam;
import com.codexmanager.rpc.RpcParams;
import com.codexmanager.rpc.RpcRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code account/login/start}, {@code status}, {@code complete} and {@code cancel}. Stateless apart from the service. */
final class LoginRpcMethods {
    private final LoginService login;

    private LoginRpcMethods(LoginService login) {
        this.login = login;
    }

    static void register(RpcRegistry registry, LoginService login) {
        LoginRpcMethods m = new LoginRpcMethods(login);
        registry.register(new RpcMethod("account/login/start", "Starts a ChatGPT login. method browser (default): "
                + "PKCE and the local callback server, returns {loginId, authUrl, …}; open authUrl in a browser (the "
                + "service never opens one itself). method device: returns {loginId, userCode, verificationUri, "
                + "expiresAt, pollIntervalSeconds}; the user enters userCode at verificationUri on any device while the "
                + "service polls the issuer. Either way follow account/login/status.", List.of(
                RpcParam.optional("type", "string", "chatgpt (the only type)"),
                RpcParam.optional("method", "string", "browser (default) or device"),
                RpcParam.optional("groupName", "string", "group of the new account"),
                RpcParam.optional("tags", "any", "array of strings or comma-separated string"),
                RpcParam.optional("note", "string", "note of the new account"),
                RpcParam.optional("workspaceId", "string", "only accept this ChatGPT workspace"),
                RpcParam.optional("openBrowser", "boolean", "ignored: the caller opens authUrl")),
                guard(m::start)));
        registry.register(new RpcMethod("account/login/status", "State of a login: pending, completing, success "
                + "(with accountId, email), failed or expired (with error, errorCode) or cancelled; device logins also "
                + "carry userCode, verificationUri and pollIntervalSeconds.", List.of(
                RpcParam.required("loginId", "string", "login id")),
                guard(m::status)));
        registry.register(new RpcMethod("account/login/complete", "Finishes a login from the pasted redirect URL "
                + "(scheme optional), or from state and code.", List.of(
                RpcParam.optional("callbackUrl", "string", "the address the browser ended on"),
                RpcParam.optional("state", "string", "state from the redirect"),
                RpcParam.optional("code", "string", "code from the redirect")), guard(m::complete)));
        registry.register(new RpcMethod("account/login/cancel", "Cancels a pending login.", List.of(
                RpcParam.required("loginId", "string", "login id")), guard(m::cancel)));
    }

    private Object start(RpcParams p) {
        String type = p.optionalString("type").orElse("chatgpt");
        if (!type.equals("chatgpt")) {
            throw RpcException.invalidParams("type", "only chatgpt login is supported");
        }
        String method = p.optionalString("method").map(String::trim).orElse("browser");
        LoginRequest request = new LoginRequest(p.optionalString("groupName").orElse(null),
                AccountRpcParams.tags(p, "tags"), p.optionalString("note").orElse(null),
                p.optionalString("workspaceId").map(String::trim).filter(s -> !s.isEmpty()).orElse(null));
        return switch (method) {
            case "browser" -> login.start(request);
            case "device" -> login.startDevice(request);
            default -> throw RpcException.invalidParams("method", "must be browser or device");
        };
    }

    private Object status(RpcParams p) {
        return login.status(p.nonBlank("loginId"));
    }

    private Object complete(RpcParams p) {
        if (p.has("callbackUrl")) {
            return login.completeFromUrl(p.string("callbackUrl"));
        }
        if (!p.has("state") || !p.has("code")) {
            throw RpcException.invalidParams("callbackUrl", "is required (or give state and code)");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("state", p.nonBlank("state"));
        query.put("code", p.nonBlank("code"));
        return login.complete(query);
    }

    private Object cancel(RpcParams p) {
        return login.cancel(p.nonBlank("loginId"));
    }
}
