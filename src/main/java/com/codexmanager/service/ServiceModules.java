package com.codexmanager.service;

import com.codexmanager.apikey.ApiKeysModule;
import com.codexmanager.apikey.BuiltInModelCatalog;
import com.codexmanager.apikey.SecretBoxSealer;
import com.codexmanager.observability.ObservabilityModule;
import java.util.List;

/**
 * The feature modules of the service, in start order. Each feature adds one line here; nothing else in the
 * lifecycle changes.
 */
final class ServiceModules {
    private ServiceModules() {
    }

    static List<ServiceModule> create(ServiceContext context) {
        var accounts = new com.codexmanager.account.rpc.AccountsModule(context);
        return List.of(
                new SystemModule(context),
                accounts,
                new com.codexmanager.usage.UsageModule(context, accounts),
                new ApiKeysModule(context, SecretBoxSealer.forService(context), new BuiltInModelCatalog()),
                new ObservabilityModule(context));
    }
}
