package com.codexmanager.bench;

import com.codexmanager.gateway.routing.AffinityMap;
import com.codexmanager.gateway.routing.CandidateSelector;
import com.codexmanager.gateway.routing.Cooldowns;
import com.codexmanager.gateway.routing.PoolAccount;
import com.codexmanager.gateway.routing.PoolSnapshot;
import com.codexmanager.gateway.routing.RouteRequest;
import com.codexmanager.gateway.routing.RouteStrategy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Candidate selection cost with 10,000 accounts: ordered and balanced, with and without a share of accounts in
 * cooldown. Run by {@code scripts/bench-gateway.sh}; prints nanoseconds per selection (p50/p99 of batches).
 */
public final class SelectionBench {
    private SelectionBench() {
    }

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Clock clock = Clock.systemUTC();
        List<PoolAccount> pool = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            pool.add(new PoolAccount("acct-" + i, i, i % 10 == 0 ? "team" : "default", PoolAccount.Status.ACTIVE,
                    true, null));
        }
        PoolSnapshot snapshot = PoolSnapshot.of(pool);
        for (int benchedPercent : new int[] {0, 50}) {
            Cooldowns cooldowns = new Cooldowns(clock, Cooldowns.Store.NONE);
            for (int i = 0; i < accounts * benchedPercent / 100; i++) {
                cooldowns.bench("acct-" + (i * 2 % accounts), Cooldowns.Kind.SERVER_ERROR, Optional.empty());
            }
            AffinityMap affinity = new AffinityMap(clock, Duration.ofHours(1), 100_000);
            CandidateSelector selector = new CandidateSelector(() -> snapshot, cooldowns, affinity, clock);
            for (RouteStrategy strategy : RouteStrategy.values()) {
                RouteRequest request = new RouteRequest("key-1", "gpt-5.5", null, null, null, strategy, 4);
                report(accounts, benchedPercent, strategy, measure(selector, request));
            }
        }
    }

    private static long[] measure(CandidateSelector selector, RouteRequest request) {
        int batch = 1_000;
        for (int i = 0; i < 200_000; i++) {
            selector.select(request);
        }
        long[] perSelection = new long[300];
        for (int b = 0; b < perSelection.length; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                selector.select(request);
            }
            perSelection[b] = (System.nanoTime() - start) / batch;
        }
        Arrays.sort(perSelection);
        return perSelection;
    }

    private static void report(int accounts, int benchedPercent, RouteStrategy strategy, long[] sorted) {
        System.out.printf("selection accounts=%d benched=%d%% strategy=%s p50=%.2fus p99=%.2fus%n", accounts,
                benchedPercent, strategy.code(), sorted[sorted.length / 2] / 1000.0,
                sorted[sorted.length * 99 / 100] / 1000.0);
    }
}
