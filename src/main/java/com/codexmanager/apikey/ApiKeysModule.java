package com.codexmanager.apikey;

import com.codexmanager.module.ServiceContext;
import com.codexmanager.module.ServiceModule;
import com.codexmanager.store.ChangeFeed;

/**
 * Platform keys as a service feature: registers the {@code apikey/*} RPC methods and exposes {@link #keys()} to the
 * gateway module. Holds no threads.
 */
public final class ApiKeysModule implements ServiceModule {
    private final KeyService keys;

    /**
     * @param sealer  encrypts Azure api-keys; bind the application's SecretBox here
     * @param catalog the models {@code apikey/models} lists; the gateway's live catalogue once it exists
     * @param usage   the request log, for {@code apikey/usage}
     * @param zone    the service's time zone: {@code apikey/usage} counts "today" from its midnight
     */
    public ApiKeysModule(ServiceContext context, SecretSealer sealer, ModelCatalog catalog, KeyUsageSource usage,
            java.time.ZoneId zone) {
        this.keys = new KeyService(new PlatformKeyRepository(context.database().sql()), sealer, catalog, usage,
                zone, context.clock(), context.random());
        ApiKeyRpcMethods.register(context.rpc(), keys);
        context.changes().onChange(ChangeFeed.Table.PLATFORM_KEYS, keys::reload);
    }

    public KeyService keys() {
        return keys;
    }
}
