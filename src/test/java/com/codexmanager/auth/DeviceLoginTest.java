package com.codexmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.ServiceHarness;
import com.codexmanager.testkit.TestClock;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device-code login end to end (codex-protocol.md §1.9) against the fake issuer's device endpoints: the service asks
 * for a user code, polls while the "user" acts on the device page, and stores the account. The fake says interval
 * "0", so the service polls at its floor (200 ms) and nothing waits for seconds.
 */
class DeviceLoginTest {
    private final TestClock clock = TestClock.create();

    @TempDir
    Path dir;
    private FakeUpstream fake;
    private ServiceHarness harness;
    private RpcTestClient rpc;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().clock(clock).deviceIntervalSeconds(0).build());
        harness = ServiceHarness.start(dir, Map.of("CODEXMANAGER_ISSUER", fake.issuer()), clock);
        rpc = harness.rpc();
    }

    @AfterEach
    void stop() {
        harness.close();
        fake.close();
    }

    private JsonObject startDevice() {
        return rpc.call("account/login/start", Map.of("method", "device", "groupName", "headless"));
    }

    private JsonObject awaitEnd(String loginId) {
        JsonObject[] last = new JsonObject[1];
        Await.until("login " + loginId + " to end", Duration.ofSeconds(15), () -> {
            last[0] = rpc.call("account/login/status", Map.of("loginId", loginId));
            String status = last[0].get("status").getAsString();
            return !status.equals("pending") && !status.equals("completing");
        });
        return last[0];
    }

    @Test
    void start_returns_the_code_the_page_and_the_expiry_and_the_user_approving_adds_the_account() {
        FakeAccount user = fake.createAccount(AccountSpec.builder().email("headless@example.test").build());
        fake.signInAs(user);

        JsonObject started = startDevice();

        String userCode = started.get("userCode").getAsString();
        assertThat(started.get("loginId").getAsString()).startsWith("login_");
        assertThat(started.get("method").getAsString()).isEqualTo("device");
        assertThat(started.get("verificationUri").getAsString()).isEqualTo(fake.issuer() + "/codex/device");
        assertThat(started.get("expiresAt").getAsLong()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15))
                .getEpochSecond());
        assertThat(fake.pendingDeviceCodes()).contains(userCode);
        JsonObject pending = rpc.call("account/login/status", Map.of("loginId", started.get("loginId").getAsString()));
        assertThat(pending.get("status").getAsString()).isEqualTo("pending");
        assertThat(pending.get("userCode").getAsString()).isEqualTo(userCode);
        Await.until("the service polls", () -> fake.devicePolls(userCode) >= 2);

        assertThat(fake.approveDevice(userCode)).isTrue();
        JsonObject done = awaitEnd(started.get("loginId").getAsString());

        assertThat(done.get("status").getAsString()).as(done.toString()).isEqualTo("success");
        assertThat(done.get("email").getAsString()).isEqualTo("headless@example.test");
        JsonObject account = rpc.call("account/read", Map.of("accountId", done.get("accountId").getAsString()));
        assertThat(account.get("groupName").getAsString()).isEqualTo("headless");
        assertThat(fake.lastRequest(FakeUpstream.TOKEN_PATH).orElseThrow().body())
                .contains("redirect_uri=" + java.net.URLEncoder.encode(fake.issuer() + "/deviceauth/callback",
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void a_refusal_on_the_device_page_fails_the_login_with_access_denied() {
        JsonObject started = startDevice();

        fake.denyDevice(started.get("userCode").getAsString());
        JsonObject done = awaitEnd(started.get("loginId").getAsString());

        assertThat(done.get("status").getAsString()).isEqualTo("failed");
        assertThat(done.get("errorCode").getAsString()).isEqualTo("access_denied");
        assertThat(done.get("error").getAsString()).contains("refused");
        assertThat(rpc.call("account/list").getAsJsonArray("items")).isEmpty();
    }

    @Test
    void a_code_the_issuer_voids_ends_the_login_as_expired() {
        JsonObject started = startDevice();

        fake.expireDevice(started.get("userCode").getAsString());
        JsonObject done = awaitEnd(started.get("loginId").getAsString());

        assertThat(done.get("status").getAsString()).isEqualTo("expired");
        assertThat(done.get("errorCode").getAsString()).isEqualTo("session_expired");
    }

    @Test
    void after_fifteen_minutes_without_approval_the_login_expires_and_polling_stops() {
        JsonObject started = startDevice();
        String userCode = started.get("userCode").getAsString();
        Await.until("the service polls", () -> fake.devicePolls(userCode) >= 1);

        clock.advance(Duration.ofMinutes(15));
        JsonObject done = awaitEnd(started.get("loginId").getAsString());

        assertThat(done.get("status").getAsString()).isEqualTo("expired");
        assertThat(done.get("error").getAsString()).contains("15 minutes");
        int polls = fake.devicePolls(userCode);
        fake.approveDevice(userCode);
        assertThat(rpc.call("account/login/status", Map.of("loginId", started.get("loginId").getAsString()))
                .get("status").getAsString()).isEqualTo("expired");
        assertThat(fake.devicePolls(userCode)).isLessThanOrEqualTo(polls + 1);
    }

    @Test
    void slow_down_makes_the_service_poll_five_seconds_less_often() {
        fake.slowDownDevicePolls(1);

        JsonObject started = startDevice();

        String loginId = started.get("loginId").getAsString();
        assertThat(started.get("pollIntervalSeconds").getAsLong()).isZero();
        Await.until("the interval to grow", () -> rpc.call("account/login/status", Map.of("loginId", loginId))
                .get("pollIntervalSeconds").getAsLong() == 5);
        rpc.call("account/login/cancel", Map.of("loginId", loginId));
    }

    @Test
    void cancelling_a_device_login_stops_it() {
        JsonObject started = startDevice();
        String loginId = started.get("loginId").getAsString();

        JsonObject cancelled = rpc.call("account/login/cancel", Map.of("loginId", loginId));
        fake.approveDevice(started.get("userCode").getAsString());

        assertThat(cancelled.get("status").getAsString()).isEqualTo("cancelled");
        assertThat(awaitEnd(loginId).get("status").getAsString()).isEqualTo("cancelled");
        assertThat(rpc.call("account/list").getAsJsonArray("items")).isEmpty();
    }

    @Test
    void an_issuer_without_device_login_is_a_clear_upstream_error() {
        fake.disableDeviceLogin(true);

        assertThatThrownBy(this::startDevice).isInstanceOfSatisfying(RpcCallFailed.class, e -> {
            assertThat(e.code()).isEqualTo(-32020);
            assertThat(e.getMessage()).contains("does not offer the device-code login");
            assertThat(e.data().getAsJsonObject().get("reason").getAsString()).isEqualTo("device_login_disabled");
        });
    }

    @Test
    void an_unknown_method_is_an_invalid_parameter() {
        assertThatThrownBy(() -> rpc.call("account/login/start", Map.of("method", "carrier-pigeon")))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.getMessage()).startsWith(
                        "-32602 method:"));
    }

    @Test
    void the_browser_login_still_reports_its_method() {
        JsonObject started = rpc.call("account/login/start", Map.of("method", "browser"));

        JsonObject status = rpc.call("account/login/status", Map.of("loginId",
                started.get("loginId").getAsString()));

        assertThat(started.get("authUrl").getAsString()).startsWith(fake.issuer());
        assertThat(status.get("method").getAsString()).isEqualTo("browser");
        assertThat(status.get("userCode").isJsonNull()).isTrue();
        rpc.call("account/login/cancel", Map.of("loginId", started.get("loginId").getAsString()));
        assertThat(Instant.ofEpochSecond(status.get("expiresAt").getAsLong())).isAfter(clock.instant());
    }
}
