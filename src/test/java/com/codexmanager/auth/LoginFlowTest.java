package com.codexmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.AuthorizeFault;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.ServiceHarness;
import com.codexmanager.testkit.TestClock;
import com.google.gson.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Browser login end to end against the fake auth server, with the "browser" played by an HTTP client. */
class LoginFlowTest {
    private final TestClock clock = TestClock.create();
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient noRedirects = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    private FakeUpstream fake;
    private ServiceHarness harness;
    private RpcTestClient rpc;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().clock(clock).allowAnyRedirectPort().build());
        harness = ServiceHarness.start(dir, env("localhost:0"), clock);
        rpc = harness.rpc();
    }

    @AfterEach
    void stop() {
        harness.close();
        fake.close();
    }

    private Map<String, String> env(String loginAddr) {
        Map<String, String> env = new HashMap<>();
        env.put("CODEXMANAGER_ISSUER", fake.issuer());
        env.put("CODEXMANAGER_LOGIN_ADDR", loginAddr);
        return env;
    }

    private HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject status(String loginId) {
        return rpc.call("account/login/status", Map.of("loginId", loginId));
    }

    @Test
    void browser_login_stores_the_account_with_email_plan_and_account_id() throws Exception {
        FakeAccount user = fake.createAccount(AccountSpec.builder().email("dev@example.test").planType("pro").build());
        fake.signInAs(user);
        JsonObject start = rpc.call("account/login/start", Map.of("groupName", "TEAM", "tags", List.of("night"),
                "note", "from browser"));

        HttpResponse<String> page = get(browser, start.get("authUrl").getAsString());

        assertThat(start.get("authUrl").getAsString()).contains("code_challenge_method=S256",
                "codex_cli_simplified_flow=true", "id_token_add_organizations=true", "originator=codex_cli_rs",
                "scope=openid%20profile%20email%20offline_access");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Login complete", "dev@example.test");
        JsonObject status = status(start.get("loginId").getAsString());
        assertThat(status.get("status").getAsString()).isEqualTo("success");
        JsonObject account = rpc.call("account/read", Map.of("accountId", status.get("accountId").getAsString()));
        assertThat(account.get("email").getAsString()).isEqualTo("dev@example.test");
        assertThat(account.get("planType").getAsString()).isEqualTo("pro");
        assertThat(account.get("chatgptAccountId").getAsString()).isEqualTo(user.accountId());
        assertThat(account.get("userId").getAsString()).isEqualTo(user.userId());
        assertThat(account.get("groupName").getAsString()).isEqualTo("TEAM");
        assertThat(account.getAsJsonArray("tags").toString()).isEqualTo("[\"night\"]");
        assertThat(account.get("note").getAsString()).isEqualTo("from browser");
        assertThat(harness.service().module(com.codexmanager.account.rpc.AccountsModule.class).orElseThrow()
                .secrets().tokens(account.get("id").getAsString()).orElseThrow().refreshToken())
                .isEqualTo(user.refreshToken());
    }

    @Test
    void logging_in_again_updates_the_same_account() throws Exception {
        FakeAccount user = fake.createAccount();
        fake.signInAs(user);

        for (int i = 0; i < 2; i++) {
            get(browser, rpc.call("account/login/start").get("authUrl").getAsString());
        }

        assertThat(rpc.call("account/list").get("total").getAsInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "with scheme: {0}")
    @ValueSource(booleans = {true, false})
    void a_pasted_callback_url_completes_the_login(boolean withScheme) throws Exception {
        fake.signInAs(fake.createAccount(AccountSpec.builder().email("paste@example.test").build()));
        JsonObject start = rpc.call("account/login/start");
        String location = get(noRedirects, start.get("authUrl").getAsString()).headers().firstValue("Location")
                .orElseThrow();

        JsonObject done = rpc.call("account/login/complete", Map.of("callbackUrl",
                withScheme ? location : location.substring("http://".length())));

        assertThat(done.get("status").getAsString()).isEqualTo("success");
        assertThat(done.get("email").getAsString()).isEqualTo("paste@example.test");
    }

    @Test
    void a_wrong_state_is_refused_and_the_login_stays_pending() throws Exception {
        JsonObject start = rpc.call("account/login/start");
        fake.failNextAuthorize(AuthorizeFault.WRONG_STATE);

        HttpResponse<String> page = get(browser, start.get("authUrl").getAsString());

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("State mismatch");
        assertThat(status(start.get("loginId").getAsString()).get("status").getAsString()).isEqualTo("pending");
        assertThatThrownBy(() -> rpc.call("account/login/complete", Map.of("state", "nope", "code", "c")))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> {
                    assertThat(e.code()).isEqualTo(-32010);
                    assertThat(e.data().getAsJsonObject().get("reason").getAsString()).isEqualTo("state_mismatch");
                });
    }

    @Test
    void a_session_older_than_fifteen_minutes_expires() throws Exception {
        JsonObject start = rpc.call("account/login/start");
        String location = get(noRedirects, start.get("authUrl").getAsString()).headers().firstValue("Location")
                .orElseThrow();

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThatThrownBy(() -> rpc.call("account/login/complete", Map.of("callbackUrl", location)))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> {
                    assertThat(e.code()).isEqualTo(-32010);
                    assertThat(e.getMessage()).contains("expired");
                });
        assertThat(status(start.get("loginId").getAsString()).get("status").getAsString()).isEqualTo("expired");
        assertThat(rpc.call("account/list").get("total").getAsInt()).isZero();
    }

    @Test
    void access_denied_without_codex_entitlement_explains_the_workspace_problem() throws Exception {
        JsonObject start = rpc.call("account/login/start");
        fake.failNextAuthorize(AuthorizeFault.ACCESS_DENIED);

        HttpResponse<String> page = get(browser, start.get("authUrl").getAsString());

        assertThat(page.body()).contains("Codex is not enabled for your workspace");
        JsonObject status = status(start.get("loginId").getAsString());
        assertThat(status.get("status").getAsString()).isEqualTo("failed");
        assertThat(status.get("errorCode").getAsString()).isEqualTo("codex_not_enabled");
        assertThat(status.get("error").getAsString()).isEqualTo("Codex is not enabled for your workspace.");
    }

    @Test
    void cancel_ends_a_pending_login() {
        JsonObject start = rpc.call("account/login/start");

        JsonObject cancelled = rpc.call("account/login/cancel", Map.of("loginId",
                start.get("loginId").getAsString()));

        assertThat(cancelled.get("status").getAsString()).isEqualTo("cancelled");
    }

    @Test
    void a_taken_callback_port_gives_an_error_naming_the_variable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                ServiceHarness other = ServiceHarness.start(dir.resolve("other"),
                        env("127.0.0.1:" + taken.getLocalPort()), clock)) {
            assertThatThrownBy(() -> other.rpc().call("account/login/start"))
                    .isInstanceOfSatisfying(RpcCallFailed.class, e -> {
                        assertThat(e.code()).isEqualTo(-32010);
                        assertThat(e.getMessage()).contains("CODEXMANAGER_LOGIN_ADDR", "in use");
                    });
        }
    }

    @Test
    void a_non_loopback_callback_address_is_refused_unless_allowed() {
        try (ServiceHarness other = ServiceHarness.start(dir.resolve("other"), env("192.0.2.10:0"), clock)) {
            assertThatThrownBy(() -> other.rpc().call("account/login/start"))
                    .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.getMessage())
                            .contains("CODEXMANAGER_ALLOW_NON_LOOPBACK_LOGIN_ADDR"));
        }
    }
}
