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
        return List.of(
                new SystemModule(context),
                new com.codexmanager.account.rpc.AccountsModule(context));
    }
}
