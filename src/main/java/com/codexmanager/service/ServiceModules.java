package com.codexmanager.service;

import com.codexmanager.account.rpc.AccountsModule;
import com.codexmanager.apikey.ApiKeysModule;
import com.codexmanager.apikey.SecretBoxSealer;
import com.codexmanager.auth.rpc.AuthModule;
import com.codexmanager.gateway.GatewayModule;
import com.codexmanager.metrics.KeyTrafficMetrics;
import com.codexmanager.metrics.MetricsModule;
import com.codexmanager.module.ServiceContext;
import com.codexmanager.module.ServiceModule;
import com.codexmanager.observability.ObservabilityModule;
import com.codexmanager.usage.UsageModule;
import java.util.List;

/**
 * The composition root: the feature modules of the service, in start order, and the adapters that connect the
 * gateway's ports to the features. Modules are closed in reverse order.
 */
final class ServiceModules {
    /**
     * The service's time zone, the machine's: a key's daily token limit and {@code apikey/usage}'s "today" start
     * at its midnight. Read once here, so every feature agrees.
     */
    private static final java.time.ZoneId SERVICE_ZONE = java.time.ZoneId.systemDefault();

    private ServiceModules() {
    }

    static List<ServiceModule> create(ServiceContext context) {
        List<ServiceModule> created = new java.util.ArrayList<>();
        try {
            return compose(context, created);
        } catch (RuntimeException e) {
            for (int i = created.size() - 1; i >= 0; i--) {
                created.get(i).close();
            }
            throw e;
        }
    }

    private static List<ServiceModule> compose(ServiceContext context, List<ServiceModule> created) {
        AccountsModule accounts = track(created, new AccountsModule(context));
        AuthModule auth = track(created, new AuthModule(context, accounts));
        ObservabilityModule observability = track(created, new ObservabilityModule(context));
        UsageModule usage = track(created, new UsageModule(context, accounts, auth.refresher(),
                new AccountTrafficAdapter(observability.service()), () -> observability.writer().stats().written()));
        ModelCatalogBridge models = new ModelCatalogBridge();
        KeyUsageAdapter keyUsage = new KeyUsageAdapter(observability.service(), context.clock(),
                context.instanceName(), context.database().shared());
        ApiKeysModule keys = track(created, new ApiKeysModule(context, SecretBoxSealer.forService(context), models,
                keyUsage, SERVICE_ZONE));
        KeyTrafficMetrics keyTraffic = new KeyTrafficMetrics();
        GatewayModule gateway = new GatewayModule(context,
                new AccountPoolAdapter(accounts.accounts(), auth.refresher(), usage.usage(),
                        usage::refreshSoon, context.clock()),
                new KeyAuthenticatorAdapter(keys.keys()),
                new RequestRecorderAdapter(observability.requestLog(), observability.trace(), keyTraffic,
                        context.instanceName()),
                usage.usage()::onRateLimitHeaders, keyUsage, SERVICE_ZONE);
        models.bind(gateway.catalog());
        MetricsModule metrics = new MetricsModule(context.rpcToken(), gateway.metrics(), accounts.accounts(),
                usage.usage(), auth.refresher(), keyTraffic);
        return List.of(new SystemModule(context), accounts, auth, usage, keys, observability, gateway, metrics);
    }

    private static <T extends ServiceModule> T track(List<ServiceModule> created, T module) {
        created.add(module);
        return module;
    }
}
