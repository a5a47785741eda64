package com.codexmanager.service;

import com.codexmanager.json.Json;
import com.codexmanager.module.ServiceContext;
import com.codexmanager.module.ServiceModule;
import com.codexmanager.server.HttpRoutes;
import java.util.List;
import java.util.Map;

/** {@code GET /health} and the system RPC methods ({@code initialize}, {@code rpc/methods}, {@code appSettings/*}). */
final class SystemModule implements ServiceModule {
    private final ServiceContext context;

    SystemModule(ServiceContext context) {
        this.context = context;
        SystemRpcMethods.register(context.rpc(), context.settings(), context.dataDir(),
                () -> context.address().current().toString());
    }

    @Override
    public List<HttpRoutes> routes() {
        return List.of(r -> r.get("/health", ctx -> ctx.contentType("application/json")
                .result(Json.write(Map.of("status", "ok", "version", Version.current())))));
    }

    ServiceContext context() {
        return context;
    }
}
