package com.codexmanager.service;

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
                new com.codexmanager.usage.UsageModule(context, accounts));
    }
}
