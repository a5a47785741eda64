package com.codexmanager.module;

import com.codexmanager.config.DataDir;
import com.codexmanager.crypto.SecretBox;
import com.codexmanager.rpc.RpcRegistry;
import com.codexmanager.rpc.RpcToken;
import com.codexmanager.settings.AppSettingsService;
import com.codexmanager.store.ChangeFeed;
import com.codexmanager.store.Database;
import com.codexmanager.store.JobLeases;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * What a {@link ServiceModule} gets to build itself: live settings, the data dir, the database, the one
 * {@link SecretBox} that seals secrets at rest, the RPC registry to add methods to, a clock, a random source, the
 * address the service listens on, this instance's name, and — for instances sharing one database — the feed of
 * their changes and the leases of single-runner jobs. Immutable holder of shared, thread-safe components.
 */
public record ServiceContext(AppSettingsService settings, DataDir dataDir, Database database, SecretBox secrets,
        RpcRegistry rpc, Clock clock, SecureRandom random, ServiceOptions options, ServiceAddress address,
        RpcToken rpcToken, String instanceName, ChangeFeed changes, JobLeases leases) {
    /**
     * A background job that runs on one instance at a time when several share the database: registers it and
     * answers whether this instance runs it now.
     */
    public java.util.function.BooleanSupplier singleRunner(String job) {
        leases.register(job);
        return () -> leases.holds(job);
    }
}
