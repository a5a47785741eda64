package com.codexmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.OperatorCli.Run;
import com.codexmanager.json.Json;
import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codexmanager account login} against the real service and the fake issuer: the device code, the browser's
 * authorize URL (the "browser" is an HTTP client that follows the issuer's redirect to the service's callback), a
 * refusal, and {@code --json} for scripts.
 */
class AccountLoginCommandTest {
    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().deviceIntervalSeconds(0).allowAnyRedirectPort()
                .build());
        service = ServiceHarness.start(dir.resolve("data"), Map.of(
                "CODEXMANAGER_ISSUER", fake.issuer(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_LOGIN_ADDR", "localhost:0"));
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    /** Runs the command on another thread, printing into {@code out}, which the test reads while it waits. */
    private CompletableFuture<Run> login(ByteArrayOutputStream out, String... args) {
        return CompletableFuture.supplyAsync(() -> OperatorCli.against(service, out, args));
    }

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void account_login_device_prints_the_code_and_page_waits_and_adds_the_account() {
        fake.signInAs(fake.createAccount(AccountSpec.builder().email("device@example.test").build()));

        CompletableFuture<Run> login = login(new ByteArrayOutputStream(), "account", "login", "--device", "--group",
                "ops");
        Await.until("a device code to wait at the issuer", Duration.ofSeconds(10),
                () -> !fake.pendingDeviceCodes().isEmpty());
        String userCode = fake.pendingDeviceCodes().get(0);
        fake.approveDevice(userCode);
        Run run = login.orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains(fake.issuer() + "/codex/device").contains(userCode)
                .contains("Signed in as device@example.test");
        JsonObject account = service.rpc().call("account/list").getAsJsonArray("items").get(0).getAsJsonObject();
        assertThat(account.get("groupName").getAsString()).isEqualTo("ops");
    }

    @Test
    void account_login_in_the_browser_prints_the_authorize_url_and_waits_until_the_browser_returns() throws Exception {
        fake.signInAs(fake.createAccount(AccountSpec.builder().email("browser@example.test").build()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CompletableFuture<Run> login = login(out, "account", "login", "--tag", "laptop");
        Await.until("the authorize URL", Duration.ofSeconds(10), () -> text(out).contains("Waiting for the sign-in"));
        Matcher url = Pattern.compile("(?m)^ {4}(" + Pattern.quote(fake.issuer()) + "/oauth/authorize\\S+)$")
                .matcher(text(out));
        assertThat(url.find()).as(text(out)).isTrue();
        assertThat(login).as("waits for the browser").isNotDone();
        HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create(url.group(1))).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        Run run = login.orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("The browser returns to http://localhost:")
                .contains("Signed in as browser@example.test");
        JsonObject account = service.rpc().call("account/list").getAsJsonArray("items").get(0).getAsJsonObject();
        assertThat(account.getAsJsonArray("tags").toString()).isEqualTo("[\"laptop\"]");
    }

    @Test
    void account_login_that_is_refused_exits_with_one_and_says_why() {
        CompletableFuture<Run> login = login(new ByteArrayOutputStream(), "account", "login", "--device");
        Await.until("a device code", Duration.ofSeconds(10), () -> !fake.pendingDeviceCodes().isEmpty());
        fake.denyDevice(fake.pendingDeviceCodes().get(0));

        Run run = login.orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("login failed").contains("refused");
    }

    /**
     * The user needs the code before the login can end, so {@code --json} prints JSON Lines: the start at once (a
     * script shows its code), then the end; nothing else. The help says so.
     */
    @Test
    void account_login_json_prints_the_start_at_once_then_the_end_as_json_lines() {
        fake.signInAs(fake.createAccount(AccountSpec.builder().email("script@example.test").build()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CompletableFuture<Run> login = login(out, "account", "login", "--device", "--json");
        Await.until("the first line", Duration.ofSeconds(10), () -> text(out).contains("\n"));
        JsonObject started = Json.object(text(out).lines().findFirst().orElseThrow());
        fake.approveDevice(started.get("userCode").getAsString());
        Run run = login.orTimeout(30, TimeUnit.SECONDS).join();
        Run help = OperatorCli.run(Map.of(), "account", "login", "--help");

        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(started.keySet()).contains("loginId", "userCode", "verificationUri").doesNotContain("status");
        JsonObject end = Json.object(lines.get(1));
        assertThat(end.get("status").getAsString()).isEqualTo("success");
        assertThat(end.get("email").getAsString()).isEqualTo("script@example.test");
        assertThat(end.get("loginId").getAsString()).isEqualTo(started.get("loginId").getAsString());
        assertThat(help.out().replaceAll("\\s+", " ")).contains("--json prints JSON Lines");
    }
}
