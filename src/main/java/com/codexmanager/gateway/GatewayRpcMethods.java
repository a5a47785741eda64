package com.codexmanager.gateway;

import com.codexmanager.config.Setting;
import com.codexmanager.gateway.port.AccountPool;
import com.codexmanager.gateway.routing.CandidateSelector;
import com.codexmanager.gateway.routing.RouteStrategy;
import com.codexmanager.module.ServiceContext;
import com.codexmanager.rpc.RpcErrorCode;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcParam;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code gateway/routeStrategy/get|set} and {@code gateway/manualAccount/get|set|clear} (the quick-switch pin). */
final class GatewayRpcMethods {
    private GatewayRpcMethods() {
    }

    static void register(ServiceContext context, CandidateSelector selector, ManualAccount manual,
            AccountPool pool) {
        var rpc = context.rpc();
        rpc.register(new RpcMethod("gateway/routeStrategy/get", "The route strategy and the pinned account.",
                List.of(), p -> strategyView(context, manual)));
        rpc.register(new RpcMethod("gateway/routeStrategy/set",
                "Sets ordered, balanced or headroom (aliases round_robin, rr, quota); persisted.",
                List.of(RpcParam.required("strategy", "string", "ordered | balanced | headroom")), p -> {
                    String text = p.nonBlank("strategy");
                    RouteStrategy strategy = RouteStrategy.parse(text).orElseThrow(() ->
                            RpcException.invalidParams("strategy", "must be ordered, balanced or headroom"));
                    JsonObject patch = new JsonObject();
                    patch.addProperty(Setting.ROUTE_STRATEGY.key(), strategy.code());
                    context.settings().update(patch);
                    selector.resetCursors();
                    return strategyView(context, manual);
                }));
        rpc.register(new RpcMethod("gateway/manualAccount/get", "The pinned account (quick switch), if any.",
                List.of(), p -> accountView(manual)));
        rpc.register(new RpcMethod("gateway/manualAccount/set", "Pins one account: it serves every request, "
                + "ongoing conversations included, under every strategy, while usable; persisted until cleared.",
                List.of(RpcParam.required("accountId", "string", "the account to pin")), p -> {
                    String id = p.nonBlank("accountId");
                    if (pool.snapshot().find(id) == null) {
                        throw new RpcException(RpcErrorCode.NOT_FOUND, "account not found: " + id);
                    }
                    manual.set(id);
                    return accountView(manual);
                }));
        rpc.register(new RpcMethod("gateway/manualAccount/clear", "Unpins: automatic routing again.", List.of(),
                p -> {
                    manual.set(null);
                    return accountView(manual);
                }));
    }

    private static Map<String, Object> strategyView(ServiceContext context, ManualAccount manual) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("strategy", context.settings().current().text(Setting.ROUTE_STRATEGY));
        out.put("options", List.of("ordered", "balanced", "headroom"));
        out.put("manualPreferredAccountId", manual.get());
        return out;
    }

    private static Map<String, Object> accountView(ManualAccount manual) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accountId", manual.get());
        return out;
    }
}
