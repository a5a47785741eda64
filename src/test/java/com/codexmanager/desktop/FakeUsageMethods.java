package com.codexmanager.desktop;

import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written stand-in for the usage RPC methods ({@code account/usage/list}, {@code .../aggregate},
 * {@code .../refresh}; being built on another branch) with the documented shapes, keyed by real account ids.
 * Registered only where the service lacks the method. Thread-safe.
 */
public final class FakeUsageMethods {
    private final Map<String, double[]> usage = new ConcurrentHashMap<>();
    private final AtomicInteger refreshCalls = new AtomicInteger();

    /** Sets used percentages (0–100) of the 5-hour and 7-day windows. */
    public FakeUsageMethods set(String accountId, double used, double weeklyUsed) {
        usage.put(accountId, new double[] {used, weeklyUsed});
        return this;
    }

    public int refreshCalls() {
        return refreshCalls.get();
    }

    public void registerOn(RpcRegistry registry) {
        registerIfAbsent(registry, new RpcMethod("account/usage/list", "fake", List.of(), p -> {
            List<Map<String, Object>> items = new ArrayList<>();
            long now = java.time.Instant.now().getEpochSecond();
            usage.forEach((id, u) -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("accountId", id);
                s.put("availabilityStatus", u[0] >= 100 || u[1] >= 100 ? "unavailable" : "available");
                s.put("usedPercent", u[0]);
                s.put("windowMinutes", 300);
                s.put("resetsAt", now + 2 * 3600);
                s.put("secondaryUsedPercent", u[1]);
                s.put("secondaryWindowMinutes", 10_080);
                s.put("secondaryResetsAt", now + 3 * 86_400);
                s.put("capturedAt", now - 120);
                items.add(s);
            });
            return Map.of("items", items);
        }));
        registerIfAbsent(registry, new RpcMethod("account/usage/aggregate", "fake", List.of(),
                p -> Map.of("primaryRemainPercent", 62, "secondaryRemainPercent", 81)));
        registerIfAbsent(registry, new RpcMethod("account/usage/refresh", "fake", List.of(), p -> {
            refreshCalls.incrementAndGet();
            return Map.of("jobId", "");
        }));
    }

    static void registerIfAbsent(RpcRegistry registry, RpcMethod method) {
        if (registry.find(method.name()).isEmpty()) {
            registry.register(method);
        }
    }
}
