package com.codexmanager.usage;

import com.codexmanager.account.rpc.AccountsModule;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.ServiceHarness;
import com.codexmanager.testkit.TestClock;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The real service wired to a fake upstream on one {@link TestClock}, for usage integration tests. Close it after
 * each test.
 */
final class UsageFixture implements AutoCloseable {
    final TestClock clock = TestClock.create();
    final FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().clock(clock).build());
    final ServiceHarness harness;

    UsageFixture(Path dir, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("CODEXMANAGER_ISSUER", fake.issuer());
        env.put("CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl());
        env.put("CODEXMANAGER_TOKEN_REFRESH_POLL_INTERVAL_SECS", "86400");
        env.putAll(extraEnv);
        harness = ServiceHarness.start(dir, env, clock);
    }

    RpcTestClient rpc() {
        return harness.rpc();
    }

    UsageModule module() {
        return harness.service().module(UsageModule.class).orElseThrow();
    }

    UsageService usage() {
        return module().usage();
    }

    AccountsModule accounts() {
        return harness.service().module(AccountsModule.class).orElseThrow();
    }

    /** Imports the fake account's auth.json and returns our account id. */
    String importAccount(FakeAccount account) {
        return rpc().call("account/import", Map.of("contents",
                List.of(account.tokens().codexAuthJson(clock.instant())))).getAsJsonArray("accountIds").get(0)
                .getAsString();
    }

    JsonObject refresh(String accountId) {
        return rpc().call("account/usage/refresh", Map.of("accountId", accountId));
    }

    JsonObject read(String accountId) {
        return rpc().call("account/usage/read", Map.of("accountId", accountId));
    }

    String status(String accountId) {
        return rpc().call("account/read", Map.of("accountId", accountId)).get("status").getAsString();
    }

    int usageRequests() {
        return fake.requests(FakeUpstream.USAGE_PATH).size();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        harness.close();
        fake.close();
    }
}
