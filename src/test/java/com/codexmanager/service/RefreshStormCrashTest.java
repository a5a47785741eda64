package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.ServiceProcess;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a storm of 200 token refreshes. A rotation the issuer answered spends the old
 * refresh token; if the service dies before it saved the new one, that account needs a new browser login.
 * Regression: rotations waited behind other work before reaching the database (p50 412 ms), and a kill 0.6 s into
 * a burst lost 15 accounts, none of which had been saved. Now at most the rotations in flight at the kill (at most
 * TOKEN_REFRESH_CONCURRENCY) may be lost, and none the issuer answered more than 100 ms before it.
 */
class RefreshStormCrashTest {
    private static final int ACCOUNTS = 200;
    private static final int CONCURRENCY = 4;

    /** Kept when the test fails, so the database the restarted service read can be examined. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    FakeUpstream fake;
    ServiceProcess service;
    final Map<String, FakeAccount> byServiceId = new HashMap<>();

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        service = ServiceProcess.prepare(dir, Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer(),
                "CODEXMANAGER_TOKEN_REFRESH_CONCURRENCY", Integer.toString(CONCURRENCY))).start();
        List<String> auth = new ArrayList<>();
        Map<String, FakeAccount> byEmail = new HashMap<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            FakeAccount account = fake.createAccount();
            byEmail.put(account.email(), account);
            auth.add(account.tokens().codexAuthJson(Instant.now()));
        }
        JsonObject imported = service.rpc().call("account/import", Map.of("contents", auth));
        assertThat(imported.get("created").getAsInt()).isEqualTo(ACCOUNTS);
        JsonObject page = service.rpc().call("account/list", Map.of("page", 1, "pageSize", 500));
        for (JsonElement item : page.getAsJsonArray("items")) {
            JsonObject a = item.getAsJsonObject();
            byServiceId.put(a.get("id").getAsString(), byEmail.get(a.get("email").getAsString()));
        }
        assertThat(byServiceId).hasSize(ACCOUNTS);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        fake.close();
    }

    @ParameterizedTest(name = "kill after {0} rotations")
    @ValueSource(ints = {15, 120})
    void a_kill_during_a_refresh_storm_loses_at_most_the_rotations_in_flight(int rotationsBeforeKill)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(50);
        RpcTestClient rpc = service.rpc();
        for (String id : byServiceId.keySet()) {
            clients.submit(() -> {
                try {
                    rpc.call("account/refreshTokens", Map.of("accountId", id));
                } catch (RuntimeException expectedOnceKilled) {
                    // the service is killed mid-storm
                }
            });
        }
        Await.until(rotationsBeforeKill + " rotations", Duration.ofSeconds(60),
                () -> rotations() >= rotationsBeforeKill);

        long killedAtMillis = System.currentTimeMillis();
        service.kill9();
        clients.shutdownNow();
        int answeredBeforeKill = rotations();

        service.start();
        List<String> lost = new ArrayList<>();
        for (String id : byServiceId.keySet()) {
            try {
                service.rpc().call("account/refreshTokens", Map.of("accountId", id));
            } catch (RpcTestClient.RpcCallFailed e) {
                if (!e.getMessage().contains("refresh_token_reused")) {
                    throw new AssertionError(diagnosis(id, e.getMessage()), e);
                }
                lost.add(id);
            }
        }
        assertThat(answeredBeforeKill).as("rotations answered before the kill").isGreaterThanOrEqualTo(
                rotationsBeforeKill);
        assertThat(lost).as("accounts whose rotation was lost").hasSizeLessThanOrEqualTo(CONCURRENCY);
        for (String id : lost) {
            List<Long> answered = byServiceId.get(id).rotationsAnsweredAtMillis();
            long lastAnswer = answered.get(answered.size() - 1);
            assertThat(killedAtMillis - lastAnswer).as("ms between the lost rotation's answer and the kill")
                    .isLessThanOrEqualTo(100);
        }
        for (String id : lost) {
            JsonObject account = service.rpc().call("account/read", Map.of("accountId", id));
            assertThat(account.get("status").getAsString()).isEqualTo("unavailable");
            assertThat(account.get("statusReason").getAsString()).isEqualTo("refresh_token_reused");
        }
    }

    /**
     * What the restarted service knows of an account whose refresh failed for another reason than a reused token
     * (once seen in CI: "account not found" for an account listed before the kill), for the failure message.
     */
    private String diagnosis(String id, String failure) {
        StringBuilder out = new StringBuilder("refresh of ").append(id).append(" after the restart: ").append(failure);
        try {
            JsonObject page = service.rpc().call("account/list", Map.of("page", 1, "pageSize", 500));
            boolean listed = false;
            for (JsonElement item : page.getAsJsonArray("items")) {
                listed |= item.getAsJsonObject().get("id").getAsString().equals(id);
            }
            out.append("\naccounts listed: ").append(page.getAsJsonArray("items").size()).append(", this one ")
                    .append(listed ? "among them" : "missing");
            FakeAccount account = byServiceId.get(id);
            out.append("\nrotations the issuer answered for it: ").append(account.successfulRefreshCount());
        } catch (RuntimeException e) {
            out.append("\naccount/list failed: ").append(e.getMessage());
        }
        out.append("\nthe data dir is kept at ").append(dir);
        String[] log = service.logText().split("\n");
        out.append("\nthe service's log, last lines:\n")
                .append(String.join("\n", List.of(log).subList(Math.max(0, log.length - 80), log.length)));
        return out.toString();
    }

    private int rotations() {
        return byServiceId.values().stream().mapToInt(FakeAccount::successfulRefreshCount).sum();
    }
}
