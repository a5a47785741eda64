package com.codexmanager.auth.rpc;

import static com.codexmanager.auth.rpc.AuthRpcErrors.guard;

import com.codexmanager.account.Account;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountStatus;
import com.codexmanager.auth.FreshToken;
import com.codexmanager.auth.TokenRefreshException;
import com.codexmanager.auth.TokenRefresher;
import com.codexmanager.crypto.SecretUnavailableException;
import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcParam;
import com.codexmanager.rpc.RpcParams;
import com.codexmanager.rpc.RpcRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code account/refreshTokens}: refreshes tokens now, on request. Stateless apart from the services. */
final class TokenRpcMethods {
    private final AccountService accounts;
    private final TokenRefresher refresher;

    private TokenRpcMethods(AccountService accounts, TokenRefresher refresher) {
        this.accounts = accounts;
        this.refresher = refresher;
    }

    static void register(RpcRegistry registry, AccountService accounts, TokenRefresher refresher) {
        TokenRpcMethods m = new TokenRpcMethods(accounts, refresher);
        registry.register(new RpcMethod("account/refreshTokens", "Refreshes the tokens of one account now, or of "
                + "every active account when accountId is absent.", List.of(
                RpcParam.optional("accountId", "string", "account id")), guard(m::refreshTokens)));
    }

    private Object refreshTokens(RpcParams p) {
        if (p.has("accountId")) {
            String id = p.nonBlank("accountId");
            FreshToken token = refresher.refresh(id, "manual");
            return result(accounts.require(id), true, null, token);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int refreshed = 0;
        for (Account account : accounts.all()) {
            if (account.status() != AccountStatus.ACTIVE && account.status() != AccountStatus.LIMITED
                    || !account.hasRefreshToken()) {
                continue;
            }
            try {
                FreshToken token = refresher.refresh(account.id(), "manual_all");
                results.add(result(accounts.require(account.id()), true, null, token));
                refreshed++;
            } catch (TokenRefreshException e) {
                results.add(result(accounts.require(account.id()), false, e.reason(), null));
            } catch (SecretUnavailableException e) {
                results.add(result(account, false, "secret_unavailable", null));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requested", results.size());
        out.put("refreshed", refreshed);
        out.put("failed", results.size() - refreshed);
        out.put("results", results);
        return out;
    }

    private static Map<String, Object> result(Account account, boolean ok, String reason, FreshToken token) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accountId", account.id());
        out.put("ok", ok);
        out.put("reason", reason);
        out.put("status", account.status());
        out.put("statusReason", account.statusReason());
        out.put("accessTokenExpiresAt", token == null ? account.accessTokenExpiresAt() : token.expiresAt());
        return out;
    }
}
