package com.codexmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.account.AccountSecrets;
import com.codexmanager.account.rpc.AccountsModule;
import com.codexmanager.auth.rpc.AuthModule;
import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RefreshFault;
import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.ServiceHarness;
import com.codexmanager.testkit.TestClock;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token refresh against the fake auth server: schedule, on demand, single flight, failures, persistence. */
class TokenRefreshTest {
    private final TestClock clock = TestClock.create();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    private FakeUpstream fake;
    private ServiceHarness harness;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().clock(clock).build());
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        fake.close();
    }

    private ServiceHarness service(String pollSeconds) {
        Map<String, String> env = new HashMap<>();
        env.put("CODEXMANAGER_ISSUER", fake.issuer());
        env.put("CODEXMANAGER_TOKEN_REFRESH_POLL_INTERVAL_SECS", pollSeconds);
        env.put("CODEXMANAGER_TOKEN_REFRESH_AHEAD_SECS", "300");
        return ServiceHarness.start(dir, env, clock);
    }

    private String importAccount(FakeAccount account) {
        return harness.rpc().call("account/import", Map.of("contents",
                List.of(account.tokens().codexAuthJson(clock.instant())))).getAsJsonArray("accountIds").get(0)
                .getAsString();
    }

    private AccountsModule module() {
        return harness.service().module(AccountsModule.class).orElseThrow();
    }

    private AuthModule auth() {
        return harness.service().module(AuthModule.class).orElseThrow();
    }

    private String storedRefreshToken(String id) {
        return module().secrets().tokens(id).orElseThrow().refreshToken();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void the_schedule_refreshes_tokens_that_expire_within_the_ahead_window() throws Exception {
        harness = service("1");
        FakeAccount account = fake.createAccount();
        String id = importAccount(account);
        Instant oldExp = account.tokens().accessTokenExpiresAt();

        clock.advance(Duration.ofMinutes(56));

        await(() -> account.successfulRefreshCount() == 1);
        await(() -> account.refreshToken().equals(storedRefreshToken(id)));
        JsonObject read = harness.rpc().call("account/read", Map.of("accountId", id));
        assertThat(read.get("accessTokenExpiresAt").getAsLong()).isGreaterThan(oldExp.getEpochSecond());
        assertThat(read.get("lastRefreshAt").getAsLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(read.get("status").getAsString()).isEqualTo("active");
    }

    @Test
    void a_401_refreshes_once_and_later_callers_with_the_same_stale_token_reuse_the_result() {
        harness = service("86400");
        FakeAccount account = fake.createAccount();
        String id = importAccount(account);
        String rejected = account.accessToken();

        FreshToken first = auth().refresher().refreshAfterUnauthorized(id, rejected);
        FreshToken second = auth().refresher().refreshAfterUnauthorized(id, rejected);

        assertThat(first.accessToken()).isNotEqualTo(rejected).isEqualTo(account.accessToken());
        assertThat(second.accessToken()).isEqualTo(first.accessToken());
        assertThat(first.chatgptAccountId()).isEqualTo(account.accountId());
        assertThat(account.refreshCount()).isEqualTo(1);
    }

    @Test
    void fifty_concurrent_callers_cause_exactly_one_refresh_request() throws Exception {
        harness = service("86400");
        FakeAccount account = fake.createAccount();
        String id = importAccount(account);
        clock.advance(Duration.ofHours(2));
        TokenRefresher refresher = auth().refresher();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<FreshToken>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    gate.await();
                    return refresher.ensureFresh(id);
                }));
            }
            gate.countDown();
            for (Future<FreshToken> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS).accessToken()).isEqualTo(account.accessToken());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(account.refreshCount()).isEqualTo(1);
        assertThat(fake.requests(FakeUpstream.TOKEN_PATH)).hasSize(1);
    }

    @Test
    void a_refresh_calls_the_issuer_only_after_other_accounts_rotated_tokens_are_saved() throws Exception {
        harness = service("86400");
        FakeAccount account = fake.createAccount();
        String id = importAccount(account);
        TokenRefresher refresher = auth().refresher();
        PendingSaves saves = refresher.pendingSaves();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<FreshToken> refreshed;
            try (PendingSaves.Saving another = saves.begin()) {
                refreshed = pool.submit(() -> refresher.refresh(id, "test"));
                await(() -> saves.waiting() == 1);
                assertThat(fake.requests(FakeUpstream.TOKEN_PATH)).isEmpty();
            }
            assertThat(refreshed.get(30, TimeUnit.SECONDS).accessToken()).isEqualTo(account.accessToken());
        } finally {
            pool.shutdownNow();
        }

        assertThat(account.refreshCount()).isEqualTo(1);
        assertThat(saves.saving()).isZero();
    }

    @Test
    void a_reused_refresh_token_makes_the_account_unavailable_without_a_retry_loop() throws Exception {
        harness = service("1");
        FakeAccount account = fake.createAccount();
        String id = importAccount(account);
        String stolen = account.refreshToken();
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(fake.issuer() + "/oauth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"client_id\":\"app_EMoamEEZ73f0CkXaXp7hrann\",\"grant_type\":\"refresh_token\","
                                + "\"refresh_token\":\"" + stolen + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(200);

        assertThatThrownBy(() -> harness.rpc().call("account/refreshTokens", Map.of("accountId", id)))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> {
                    assertThat(e.code()).isEqualTo(-32020);
                    assertThat(e.data().getAsJsonObject().get("reason").getAsString())
                            .isEqualTo("refresh_token_reused");
                });
        JsonObject read = harness.rpc().call("account/read", Map.of("accountId", id));
        assertThat(read.get("status").getAsString()).isEqualTo("unavailable");
        assertThat(read.get("statusReason").getAsString()).isEqualTo("refresh_token_reused");

        clock.advance(Duration.ofHours(3));
        int calls = account.refreshCount();
        assertThat(module().secrets().dueForRefresh(clock.instant().plus(Duration.ofDays(30)), 100)).isEmpty();
        assertThatThrownBy(() -> auth().refresher().ensureFresh(id))
                .isInstanceOfSatisfying(TokenRefreshException.class,
                        e -> assertThat(e.kind()).isEqualTo(TokenRefreshException.Kind.NOT_REFRESHABLE));
        assertThat(account.refreshCount()).isEqualTo(calls).isEqualTo(2);
    }

    /**
     * A rotation lost in a crash comes back as refresh_token_reused. The account needs a new login, but its access
     * token is still good: it keeps serving until shortly before that token expires instead of dropping out at once.
     */
    @Test
    void an_account_whose_refresh_token_died_serves_on_its_access_token_until_it_expires() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CODEXMANAGER_ISSUER", fake.issuer());
        env.put("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl());
        env.put("CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl());
        env.put("CODEXMANAGER_TOKEN_REFRESH_AHEAD_SECS", "300");
        harness = ServiceHarness.start(dir, env, clock);
        FakeAccount account = fake.createAccount();
        String id = importAccount(account);
        String key = harness.rpc().call("apikey/create", Map.of("name", "k", "protocolType", "openai"))
                .get("key").getAsString();
        spendRefreshTokenElsewhere(account.refreshToken());
        assertThatThrownBy(() -> harness.rpc().call("account/refreshTokens", Map.of("accountId", id)))
                .isInstanceOf(RpcCallFailed.class);
        JsonObject read = harness.rpc().call("account/read", Map.of("accountId", id));
        assertThat(read.get("status").getAsString()).isEqualTo("unavailable");
        assertThat(read.get("statusReason").getAsString()).isEqualTo("refresh_token_reused");

        assertThat(ask(key).statusCode()).as("served on the still-valid access token").isEqualTo(200);

        clock.advance(Duration.ofMinutes(59).plusSeconds(30));
        HttpResponse<String> late = ask(key);
        assertThat(late.statusCode()).as(late.body()).isEqualTo(503);
        assertThat(fake.responsesCount(account.accountId())).isEqualTo(1);
    }

    private void spendRefreshTokenElsewhere(String refreshToken) throws Exception {
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(fake.issuer() + "/oauth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"client_id\":\"app_EMoamEEZ73f0CkXaXp7hrann\",\"grant_type\":\"refresh_token\","
                                + "\"refresh_token\":\"" + refreshToken + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> ask(String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/v1/responses"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5.5\",\"input\":\"hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_rotation_is_stored_whole_a_missing_id_token_keeps_the_stored_one_and_failures_reset() {
        harness = service("86400");
        FakeAccount account = fake.createAccount();
        String id = importAccount(account);
        AccountSecrets secrets = module().secrets();
        String idTokenBefore = secrets.tokens(id).orElseThrow().idToken();
        long versionBefore = secrets.snapshot(id).tokenVersion();
        account.enqueueRefreshFaults(RefreshFault.SERVER_ERROR, RefreshFault.OMIT_ID_TOKEN);
        TokenRefresher refresher = auth().refresher();
        assertThatThrownBy(() -> refresher.refresh(id, "test")).isInstanceOf(TokenRefreshException.class);
        assertThat(secrets.refreshFailures(id)).isEqualTo(1);

        FreshToken fresh = refresher.refresh(id, "test");

        AccountSecrets.TokenSnapshot stored = secrets.snapshot(id);
        assertThat(stored.tokens().orElseThrow().accessToken()).isEqualTo(account.accessToken())
                .isEqualTo(fresh.accessToken());
        assertThat(stored.tokens().orElseThrow().refreshToken()).isEqualTo(account.refreshToken());
        assertThat(stored.tokens().orElseThrow().idToken()).isEqualTo(idTokenBefore);
        assertThat(stored.tokenVersion()).isEqualTo(versionBefore + 1);
        assertThat(stored.account().accessTokenExpiresAt()).isEqualTo(fresh.expiresAt()).isNotNull();
        assertThat(stored.account().email()).isEqualTo(account.email());
        assertThat(stored.account().planType()).isEqualTo(account.planType());
        assertThat(secrets.refreshFailures(id)).isZero();
        assertThat(fresh.chatgptAccountId()).isEqualTo(account.accountId());
    }

    @Test
    void a_transient_failure_keeps_the_status_and_backs_off() {
        harness = service("86400");
        FakeAccount account = fake.createAccount();
        String id = importAccount(account);
        account.enqueueRefreshFaults(RefreshFault.SERVER_ERROR);
        clock.advance(Duration.ofMinutes(58));
        AccountSecrets secrets = module().secrets();
        Instant horizon = clock.instant().plusSeconds(300);

        assertThatThrownBy(() -> auth().refresher().ensureFresh(id))
                .isInstanceOfSatisfying(TokenRefreshException.class,
                        e -> assertThat(e.kind()).isEqualTo(TokenRefreshException.Kind.TRANSIENT));

        assertThat(harness.rpc().call("account/read", Map.of("accountId", id)).get("status").getAsString())
                .isEqualTo("active");
        assertThat(secrets.dueForRefresh(horizon, 10)).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(secrets.dueForRefresh(clock.instant().plusSeconds(300), 10)).containsExactly(id);
        assertThat(auth().refresher().ensureFresh(id).accessToken()).isEqualTo(account.accessToken());
    }

    @Test
    void a_rotated_token_survives_a_restart_right_after_the_refresh_and_works_at_the_upstream() throws Exception {
        harness = service("86400");
        FakeAccount account = fake.createAccount(AccountSpec.builder().email("keep@example.test").build());
        String id = importAccount(account);
        String original = account.refreshToken();

        harness.rpc().call("account/refreshTokens", Map.of("accountId", id));
        harness.close();
        harness = service("86400");

        String stored = storedRefreshToken(id);
        assertThat(stored).isEqualTo(account.refreshToken()).isNotEqualTo(original);
        String access = module().secrets().tokens(id).orElseThrow().accessToken();
        HttpResponse<String> usage = http.send(HttpRequest.newBuilder(URI.create(fake.usageBaseUrl()
                + FakeUpstream.USAGE_PATH)).header("Authorization", "Bearer " + access)
                .header("ChatGPT-Account-ID", account.accountId()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(usage.statusCode()).isEqualTo(200);
        JsonObject again = harness.rpc().call("account/refreshTokens", Map.of());
        assertThat(again.get("refreshed").getAsInt()).isEqualTo(1);
        assertThat(account.successfulRefreshCount()).isEqualTo(2);
        String files = harness.allFilesAsText();
        for (String secret : List.of(original, stored, account.refreshToken(), access, account.accessToken())) {
            assertThat(files).doesNotContain(secret);
        }
    }
}
