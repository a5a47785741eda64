package com.codexmanager.service;

import com.codexmanager.config.DataDir;
import com.codexmanager.rpc.RpcRegistry;
import com.codexmanager.store.Database;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * What a {@link ServiceModule} gets to build itself: live settings, the data dir, the database, the RPC registry
 * to add methods to, a clock, a random source and the address the service listens on. Immutable holder of shared, thread-safe components.
 */
public record ServiceContext(AppSettingsService settings, DataDir dataDir, Database database, RpcRegistry rpc,
        Clock clock, SecureRandom random, ServiceOptions options, ServiceAddress address,
        com.codexmanager.rpc.RpcToken rpcToken) {
}
