package com.codexmanager.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.ServiceHarness;
import com.codexmanager.testkit.TestProxy;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CODEXMANAGER_UPSTREAM_PROXY_URL} through the real service. The fake upstream is addressed as
 * {@code chatgpt.proxy.test} / {@code auth.proxy.test}: names only the test proxy resolves, so a request that
 * arrives at all went through the proxy.
 */
class UpstreamProxyServiceTest {
    private static final String REQUEST = "{\"model\":\"gpt-5.5\",\"input\":\"via proxy\",\"stream\":true}";
    private static final String SETTING = "upstreamProxyUrl";

    @TempDir
    Path dir;
    FakeUpstream fake;
    TestProxy proxy;
    TestProxy other;
    ServiceHarness service;
    FakeAccount account;
    String accountId;
    String key;

    @BeforeEach
    void startFake() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        proxy = TestProxy.start(TestProxy.Kind.HTTP);
        other = TestProxy.start(TestProxy.Kind.SOCKS5);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        proxy.close();
        other.close();
        fake.close();
    }

    private void startService(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", "http://chatgpt.proxy.test:" + fake.port() + "/backend-api/codex",
                "CODEXMANAGER_USAGE_BASE_URL", "http://chatgpt.proxy.test:" + fake.port(),
                "CODEXMANAGER_ISSUER", "http://auth.proxy.test:" + fake.port(),
                "CODEXMANAGER_GATEWAY_MAX_ATTEMPTS", "1"));
        env.putAll(extraEnv);
        service = ServiceHarness.start(dir, env);
        account = fake.createAccount();
        service.rpc().call("account/import", Map.of("contents",
                List.of(account.tokens().codexAuthJson(Instant.now()))));
        accountId = service.rpc().call("account/list", Map.of()).getAsJsonArray("items").get(0).getAsJsonObject()
                .get("id").getAsString();
        key = service.rpc().call("apikey/create", Map.of("name", "proxy", "protocolType", "openai")).get("key")
                .getAsString();
    }

    private void setProxy(String url) {
        JsonObject patch = new JsonObject();
        patch.addProperty(SETTING, url);
        service.rpc().call("appSettings/set", patch);
    }

    private HttpResponse<String> stream() {
        return service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(REQUEST)).build());
    }

    private String proxyTarget() {
        return "chatgpt.proxy.test:" + fake.port();
    }

    @Test
    void a_gateway_stream_goes_through_the_http_proxy_set_over_rpc() {
        startService(Map.of());
        setProxy(proxy.url());

        HttpResponse<String> response = stream();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("response.completed").contains("echo: via proxy");
        assertThat(proxy.targets()).contains(proxyTarget());
        assertThat(fake.responsesCount(account.accountId())).isEqualTo(1);
    }

    @Test
    void a_usage_refresh_and_a_token_refresh_go_through_the_proxy_from_the_environment() {
        startService(Map.of("CODEXMANAGER_UPSTREAM_PROXY_URL", proxy.url()));

        JsonObject usage = service.rpc().call("account/usage/refresh", Map.of("accountId", accountId));
        service.rpc().call("account/refreshTokens", Map.of("accountId", accountId));

        assertThat(usage.toString()).contains(accountId);
        assertThat(fake.requests(FakeUpstream.USAGE_PATH)).hasSize(1);
        assertThat(fake.refreshCount(account.accountId())).isEqualTo(1);
        assertThat(proxy.targets()).contains(proxyTarget(), "auth.proxy.test:" + fake.port());
    }

    @Test
    void a_socks5h_proxy_receives_the_host_name_and_carries_the_stream() {
        startService(Map.of("CODEXMANAGER_UPSTREAM_PROXY_URL", "socks://127.0.0.1:" + other.port()));

        HttpResponse<String> response = stream();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("response.completed");
        assertThat(other.targets()).isNotEmpty().allMatch(proxyTarget()::equals);
        assertThat(proxy.targets()).isEmpty();
    }

    @Test
    void a_socks5h_proxy_with_a_password_carries_the_stream_usage_and_refresh_and_keeps_the_password_hidden()
            throws Exception {
        String password = "S0cks-s3cret:pw";
        other.requireUserPassword("alice", password);
        startService(Map.of("CODEXMANAGER_UPSTREAM_PROXY_URL",
                "socks5h://alice:S0cks-s3cret%3Apw@127.0.0.1:" + other.port()));

        HttpResponse<String> response = stream();
        service.rpc().call("account/usage/refresh", Map.of("accountId", accountId));
        service.rpc().call("account/refreshTokens", Map.of("accountId", accountId));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(other.targets()).contains(proxyTarget(), "auth.proxy.test:" + fake.port());
        assertThat(other.authChallenges()).isZero();
        assertThat(service.rpc().call("appSettings/get", Map.of()).toString()).doesNotContain(password)
                .contains("socks5h://alice:***@127.0.0.1:" + other.port());
        assertThat(logText()).doesNotContain(password);
    }

    @Test
    void a_wrong_socks_password_fails_the_request_naming_the_refusal_not_the_password() {
        other.requireUserPassword("alice", "right-pw");
        startService(Map.of("CODEXMANAGER_UPSTREAM_PROXY_URL", "socks5h://alice:wrong-pw@127.0.0.1:"
                + other.port()));

        HttpResponse<String> response = stream();

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("refused the user name or password").doesNotContain("wrong-pw");
        assertThat(other.authChallenges()).isPositive();
        assertThat(other.targets()).isEmpty();
    }

    /** HttpClient 5.6 cannot do TLS to a proxy correctly, so https:// proxies are spoken to in plain HTTP. */
    @Test
    void an_https_proxy_url_is_spoken_to_in_plain_http() {
        startService(Map.of("CODEXMANAGER_UPSTREAM_PROXY_URL", "https://127.0.0.1:" + proxy.port()));

        assertThat(stream().statusCode()).isEqualTo(200);

        assertThat(proxy.targets()).contains(proxyTarget());
    }

    @Test
    void a_changed_proxy_serves_the_next_request_without_a_restart() {
        startService(Map.of());
        setProxy(proxy.url());
        assertThat(stream().statusCode()).isEqualTo(200);

        setProxy("socks5h://127.0.0.1:" + other.port());
        HttpResponse<String> second = stream();

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(fake.responsesCount(account.accountId())).isEqualTo(2);
        assertThat(proxy.requests()).containsOnlyOnce("POST " + FakeUpstream.RESPONSES_PATH);
        assertThat(other.targets()).isNotEmpty().allMatch(proxyTarget()::equals);
    }

    @Test
    void a_loopback_upstream_never_uses_the_proxy() {
        startService(Map.of("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_UPSTREAM_PROXY_URL", proxy.url()));

        assertThat(stream().statusCode()).isEqualTo(200);

        assertThat(proxy.targets()).isEmpty();
    }

    @Test
    void proxy_credentials_answer_the_challenge_and_the_password_stays_out_of_rpc_and_logs() throws Exception {
        String password = "Pr0xy-s3cret-pw";
        proxy.requireBasicAuth("alice", password);
        startService(Map.of());
        setProxy("http://alice:" + password + "@127.0.0.1:" + proxy.port());

        assertThat(stream().statusCode()).isEqualTo(200);

        assertThat(proxy.authChallenges()).isPositive();
        assertThat(proxy.targets()).contains(proxyTarget());
        JsonObject settings = service.rpc().call("appSettings/get", Map.of());
        assertThat(settings.toString()).doesNotContain(password)
                .contains("http://alice:***@127.0.0.1:" + proxy.port());
        assertThat(logText()).doesNotContain(password);
    }

    @Test
    void saving_the_masked_url_back_keeps_the_stored_password() {
        String password = "keep-me-1234";
        proxy.requireBasicAuth("bob", password);
        startService(Map.of());
        setProxy("http://bob:" + password + "@127.0.0.1:" + proxy.port());

        setProxy("http://bob:***@localhost:" + proxy.port());

        assertThat(stream().statusCode()).isEqualTo(200);
        assertThat(proxy.targets()).contains(proxyTarget());
        assertThat(value(service.rpc().call("appSettings/get", Map.of())))
                .isEqualTo("http://bob:***@localhost:" + proxy.port());
    }

    @Test
    void a_dead_proxy_gives_an_openai_error_and_a_logged_failure_naming_the_proxy() {
        int deadPort = proxy.port();
        proxy.close();
        startService(Map.of("CODEXMANAGER_UPSTREAM_PROXY_URL", "http://127.0.0.1:" + deadPort));

        HttpResponse<String> response = stream();

        assertThat(response.statusCode()).isBetween(500, 599);
        assertThat(response.body()).doesNotContain("Exception:\n").doesNotContain("\tat ");
        JsonObject error = errorOf(response.body());
        assertThat(error.get("message").getAsString()).isNotBlank();
        Await.until("the request log row", () -> !rows().isEmpty());
        JsonObject row = rows().get(0).getAsJsonObject();
        assertThat(row.get("statusCode").getAsInt()).isBetween(500, 599);
        assertThat(row.get("error").getAsString()).contains("upstream proxy http://127.0.0.1:" + deadPort);
    }

    @Test
    void a_bad_proxy_url_is_refused_naming_the_setting_and_the_stored_value_stays() {
        startService(Map.of());
        setProxy(proxy.url());

        for (String bad : List.of("ftp://127.0.0.1:21", "127.0.0.1:8080", "http://:8080",
                "https://user:pw-secret@127.0.0.1:1080", "http://127.0.0.1:3128/path", "http://127.0.0.1:99999")) {
            assertThatThrownBy(() -> setProxy(bad)).isInstanceOfSatisfying(RpcTestClient.RpcCallFailed.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(-32602);
                        assertThat(e.getMessage()).contains(SETTING).doesNotContain("pw-secret");
                    });
        }

        assertThat(value(service.rpc().call("appSettings/get", Map.of()))).isEqualTo(proxy.url());
    }

    private static String value(JsonObject settings) {
        return settings.getAsJsonObject("values").get(SETTING).getAsString();
    }

    private static JsonObject errorOf(String body) {
        for (String line : body.split("\n")) {
            String text = line.startsWith("data:") ? line.substring(5).trim() : line.trim();
            if (text.startsWith("{") && text.contains("\"error\"")) {
                JsonObject object = JsonParser.parseString(text).getAsJsonObject();
                JsonElement error = object.has("error") ? object.get("error")
                        : object.getAsJsonObject("response").get("error");
                return error.getAsJsonObject();
            }
        }
        throw new AssertionError("no OpenAI error in: " + body);
    }

    private com.google.gson.JsonArray rows() {
        return service.rpc().call("requestlog/list", Map.of("page", 1, "pageSize", 10)).getAsJsonArray("items");
    }

    private String logText() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".log")).toList()) {
                out.append(Files.readString(p));
            }
        }
        return out.toString();
    }
}
