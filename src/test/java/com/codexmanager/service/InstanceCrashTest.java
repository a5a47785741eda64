package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.PostgresServer;
import com.codexmanager.testkit.ServiceHarness;
import com.codexmanager.testkit.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service processes on one PostgreSQL database, one of them killed with {@code kill -9} (no shutdown hook, no
 * lease released): the other keeps serving, and the dead one's background jobs move to it within 30 s.
 */
class InstanceCrashTest {
    static final Duration JOB_MOVE_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceProcess one;
    ServiceProcess two;
    String dbUrl;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(PostgresServer.available(), "PostgreSQL binaries are needed");
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        Map<String, String> env = new HashMap<>(ServiceHarness.postgresEnv());
        dbUrl = env.get("CODEXMANAGER_DB_URL");
        env.put("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl());
        env.put("CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl());
        env.put("CODEXMANAGER_ISSUER", fake.issuer());
        env.put("CODEXMANAGER_INSTANCE_NAME", "one");
        one = ServiceProcess.prepare(dir.resolve("one"), env).start();
        env.put("CODEXMANAGER_INSTANCE_NAME", "two");
        two = ServiceProcess.prepare(dir.resolve("two"), env).start();
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {one, two, fake}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void after_a_kill_9_the_other_instance_serves_and_takes_the_jobs_within_30_s() throws Exception {
        FakeAccount account = fake.createAccount();
        one.rpc().call("account/import", Map.of("contents", List.of(account.tokens().codexAuthJson(Instant.now()))));
        String key = one.rpc().call("apikey/create", Map.of("name", "team", "protocolType", "openai"))
                .get("key").getAsString();
        Await.until("both instances answer with the key", Duration.ofSeconds(10),
                () -> ask(one, key) == 200 && ask(two, key) == 200);
        Await.until("every job held by one instance", Duration.ofSeconds(30), () -> {
            Map<String, String> holders = liveHolders();
            return !holders.isEmpty() && holders.values().stream().distinct().count() == 1;
        });
        Map<String, String> before = liveHolders();
        String victimName = before.values().iterator().next();
        ServiceProcess victim = "one".equals(victimName) ? one : two;
        ServiceProcess survivor = victim == one ? two : one;
        String survivorName = victim == one ? "two" : "one";

        victim.kill9();
        long killed = System.nanoTime();

        assertThat(ask(survivor, key)).as("the survivor serves at once").isEqualTo(200);
        Await.until("the dead holder's jobs move to " + survivorName, JOB_MOVE_LIMIT, () -> {
            Map<String, String> holders = liveHolders();
            return holders.keySet().containsAll(before.keySet())
                    && holders.values().stream().allMatch(survivorName::equals);
        });
        System.out.printf("FIGURE jobs %s moved %d ms after kill -9%n", before.keySet(),
                (System.nanoTime() - killed) / 1_000_000);
        assertThat(ask(survivor, key)).isEqualTo(200);
    }

    /** Job → holder for the leases that have not expired (by the database's clock). */
    private Map<String, String> liveHolders() {
        Map<String, String> holders = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(dbUrl, PostgresServer.get().user(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT job, holder FROM job_leases WHERE expires_at > now()")) {
            while (rs.next()) {
                holders.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return holders;
    }

    private int ask(ServiceProcess service, String key) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5.5\",\"input\":\"hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
