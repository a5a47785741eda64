package com.codexmanager.gateway.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.config.Settings;
import com.codexmanager.gateway.port.AccountPool;
import com.codexmanager.gateway.port.Credentials;
import com.codexmanager.gateway.routing.PoolAccount;
import com.codexmanager.gateway.routing.PoolSnapshot;
import com.codexmanager.gateway.state.ModelCacheRepository;
import com.codexmanager.gateway.upstream.UpstreamClient;
import com.codexmanager.store.Database;
import com.codexmanager.testkit.TestClock;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-plan catalogue against an upstream whose {@code /models} fails (a relay without it): traffic does not
 * ask again within a minute of a failure, requests do not wait for it, and the periodic refresh still tries.
 */
class ModelCatalogTest {
    private final TestClock clock = TestClock.create();
    private final Database database = Database.inMemory("model-catalog");
    private final AtomicInteger modelCalls = new AtomicInteger();
    private final HttpServer upstream;
    private final UpstreamClient client = new UpstreamClient(Duration.ofSeconds(2), Duration.ofSeconds(5),
            () -> Settings.fromEnvironment(Map.of()));
    private final ModelCatalog catalog;

    ModelCatalogTest() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/models", exchange -> {
            modelCalls.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        upstream.start();
        PoolSnapshot pool = PoolSnapshot.of(List.of(new PoolAccount("a", 1, "default", PoolAccount.Status.ACTIVE,
                true, null, "plus", null)), Instant.EPOCH);
        catalog = new ModelCatalog(new ModelCacheRepository(database.sql()), new StaticPool(pool), client,
                () -> "http://127.0.0.1:" + upstream.getAddress().getPort(), () -> "codex_cli_rs", Runnable::run,
                clock);
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
        client.close();
        database.close();
    }

    @Test
    void a_failed_fetch_is_not_repeated_by_traffic_for_a_minute_but_the_periodic_refresh_tries() {
        for (int i = 0; i < 5; i++) {
            assertThat(catalog.offers("plus", "gpt-5.5")).as("unknown offers everything").isTrue();
        }
        catalog.ensure(List.of("plus"), Duration.ofSeconds(5));
        catalog.onEtag("plus", "\"v2\"");
        assertThat(modelCalls.get()).isEqualTo(1);

        catalog.refresh();
        assertThat(modelCalls.get()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(61));
        catalog.offers("plus", "gpt-5.5");
        assertThat(modelCalls.get()).isEqualTo(3);
    }

    /** A fixed pool; credentials without a token are enough for the fake /models. */
    private record StaticPool(PoolSnapshot snapshot) implements AccountPool {
        @Override
        public Credentials credentials(String accountId) {
            return new Credentials(accountId, "token", accountId);
        }

        @Override
        public Credentials refreshAfterUnauthorized(String accountId, Credentials rejected) {
            return rejected;
        }

        @Override
        public void markUsageLimited(String accountId, Instant resetsAt) {
        }

        @Override
        public void markUsed(String accountId, Instant at) {
        }
    }
}
