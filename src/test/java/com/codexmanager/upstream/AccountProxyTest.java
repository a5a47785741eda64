package com.codexmanager.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.ServiceHarness;
import com.codexmanager.testkit.TestProxy;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each account's own upstream proxy ({@code account/update {proxyUrl}}) through the real service, with the loopback
 * test proxies. The fake upstream is addressed as {@code *.proxy.test}, names only the test proxies resolve, so a
 * call that arrives at all went through a proxy: the account with its own proxy works without any global one.
 */
class AccountProxyTest {
    private static final String REQUEST = "{\"model\":\"gpt-5.5\",\"input\":\"via the account's proxy\"}";

    @TempDir
    Path dir;
    FakeUpstream fake;
    TestProxy http;
    TestProxy socks;
    ServiceHarness service;
    FakeAccount account;
    String accountId;
    String key;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        http = TestProxy.start(TestProxy.Kind.HTTP).requireBasicAuth("pool", "s3cret:pw");
        socks = TestProxy.start(TestProxy.Kind.SOCKS5);
        service = ServiceHarness.start(dir, env());
        account = fake.createAccount();
        service.rpc().call("account/import", Map.of("contents",
                List.of(account.tokens().codexAuthJson(Instant.now()))));
        accountId = service.rpc().call("account/list", Map.of()).getAsJsonArray("items").get(0).getAsJsonObject()
                .get("id").getAsString();
        key = service.rpc().call("apikey/create", Map.of("name", "p", "protocolType", "openai")).get("key")
                .getAsString();
    }

    private Map<String, String> env() {
        return Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", "http://chatgpt.proxy.test:" + fake.port() + "/backend-api/codex",
                "CODEXMANAGER_USAGE_BASE_URL", "http://chatgpt.proxy.test:" + fake.port(),
                "CODEXMANAGER_ISSUER", "http://auth.proxy.test:" + fake.port(),
                "CODEXMANAGER_GATEWAY_MAX_ATTEMPTS", "1");
    }

    @AfterEach
    void stop() {
        service.close();
        http.close();
        socks.close();
        fake.close();
    }

    private JsonObject setProxy(String url) {
        JsonObject params = new JsonObject();
        params.addProperty("accountId", accountId);
        params.addProperty("proxyUrl", url);
        return service.rpc().call("account/update", params);
    }

    private HttpResponse<String> ask() {
        return service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(REQUEST)).build());
    }

    private String listedProxy() {
        JsonObject item = service.rpc().call("account/list", Map.of()).getAsJsonArray("items").get(0)
                .getAsJsonObject();
        return item.has("proxyUrl") ? item.get("proxyUrl").getAsString() : null;
    }

    @Test
    void gateway_usage_and_refresh_calls_of_the_account_go_through_its_http_proxy_with_password() {
        JsonObject answer = setProxy("http://pool:s3cret%3Apw@127.0.0.1:" + http.port());

        HttpResponse<String> response = ask();
        service.rpc().call("account/usage/refresh", Map.of("accountId", accountId));
        service.rpc().call("account/refreshTokens", Map.of("accountId", accountId));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("via the account's proxy");
        assertThat(http.targets()).contains("chatgpt.proxy.test:" + fake.port(), "auth.proxy.test:" + fake.port());
        assertThat(fake.requests(FakeUpstream.USAGE_PATH)).hasSize(1);
        assertThat(fake.refreshCount(account.accountId())).isEqualTo(1);
        assertThat(answer.get("proxyUrl").getAsString()).isEqualTo("http://pool:***@127.0.0.1:" + http.port());
        assertThat(listedProxy()).isEqualTo("http://pool:***@127.0.0.1:" + http.port());
        assertThat(service.allFilesAsText()).doesNotContain("s3cret");
    }

    @Test
    void a_socks5h_proxy_carries_the_stream_and_the_password_mask_keeps_the_stored_password() {
        setProxy("socks5h://127.0.0.1:" + socks.port());
        assertThat(ask().statusCode()).isEqualTo(200);
        assertThat(socks.targets()).contains("chatgpt.proxy.test:" + fake.port());

        setProxy("http://pool:s3cret%3Apw@127.0.0.1:" + http.port());
        setProxy("http://pool:***@127.0.0.1:" + http.port());

        assertThat(ask().statusCode()).as("the stored password still answers the 407").isEqualTo(200);
        assertThat(http.targets()).contains("chatgpt.proxy.test:" + fake.port());
    }

    @Test
    void gateway_usage_and_refresh_calls_of_the_account_go_through_its_socks5h_proxy_with_password() {
        socks.requireUserPassword("pool", "s0cks:pw");
        JsonObject answer = setProxy("socks5h://pool:s0cks%3Apw@127.0.0.1:" + socks.port());

        HttpResponse<String> response = ask();
        service.rpc().call("account/usage/refresh", Map.of("accountId", accountId));
        service.rpc().call("account/refreshTokens", Map.of("accountId", accountId));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(socks.targets()).contains("chatgpt.proxy.test:" + fake.port(), "auth.proxy.test:" + fake.port());
        assertThat(socks.authChallenges()).isZero();
        assertThat(fake.requests(FakeUpstream.USAGE_PATH)).hasSize(1);
        assertThat(fake.refreshCount(account.accountId())).isEqualTo(1);
        assertThat(answer.get("proxyUrl").getAsString()).isEqualTo("socks5h://pool:***@127.0.0.1:" + socks.port());
        assertThat(service.allFilesAsText()).doesNotContain("s0cks");
    }

    /** A global proxy and an account's own one side by side: that account uses its own, the others the global. */
    @Test
    void an_account_with_its_own_proxy_uses_it_while_the_others_use_the_global_proxy() {
        service.close();
        Map<String, String> withGlobal = new java.util.HashMap<>(env());
        withGlobal.put("CODEXMANAGER_UPSTREAM_PROXY_URL", "http://pool:s3cret%3Apw@127.0.0.1:" + http.port());
        service = ServiceHarness.start(dir, withGlobal);
        FakeAccount other = fake.createAccount();
        service.rpc().call("account/import", Map.of("contents", List.of(other.tokens().codexAuthJson(Instant.now()))));
        String otherId = service.rpc().call("account/list", Map.of("query", other.email())).getAsJsonArray("items")
                .get(0).getAsJsonObject().get("id").getAsString();
        socks.requireUserPassword("own", "own-pw");
        setProxy("socks5h://own:own-pw@127.0.0.1:" + socks.port());

        service.rpc().call("gateway/manualAccount/set", Map.of("accountId", accountId));
        HttpResponse<String> viaOwn = ask();
        List<String> globalAfterOwn = responsesThrough(http);
        service.rpc().call("gateway/manualAccount/set", Map.of("accountId", otherId));
        HttpResponse<String> viaGlobal = ask();

        assertThat(viaOwn.statusCode()).as(viaOwn.body()).isEqualTo(200);
        assertThat(viaGlobal.statusCode()).as(viaGlobal.body()).isEqualTo(200);
        assertThat(fake.responsesCount(account.accountId())).isEqualTo(1);
        assertThat(fake.responsesCount(other.accountId())).isEqualTo(1);
        assertThat(socks.targets()).as("the upstream's name resolves only at a proxy: the own one carried it")
                .isNotEmpty().allMatch(("chatgpt.proxy.test:" + fake.port())::equals);
        assertThat(globalAfterOwn).as("the account with its own proxy never used the global one").isEmpty();
        assertThat(responsesThrough(http)).hasSize(1);
    }

    private static List<String> responsesThrough(TestProxy proxy) {
        return proxy.requests().stream().filter(r -> r.contains("/responses")).toList();
    }

    @Test
    void without_its_proxy_the_account_cannot_reach_the_upstream_and_clearing_returns_to_the_global_one() {
        setProxy("socks5h://127.0.0.1:" + socks.port());
        assertThat(ask().statusCode()).isEqualTo(200);

        setProxy("");
        HttpResponse<String> direct = ask();

        assertThat(direct.statusCode()).isEqualTo(502);
        assertThat(listedProxy()).isNull();
    }

    @Test
    void the_proxy_and_its_password_survive_a_restart_and_never_appear_on_disk() {
        setProxy("http://pool:s3cret%3Apw@127.0.0.1:" + http.port());
        service.close();

        service = ServiceHarness.start(dir, env());

        assertThat(ask().statusCode()).isEqualTo(200);
        assertThat(listedProxy()).isEqualTo("http://pool:***@127.0.0.1:" + http.port());
        assertThat(service.allFilesAsText()).doesNotContain("s3cret");
    }

    @Test
    void a_bad_proxy_url_is_refused_naming_the_field_and_changes_nothing() {
        assertThatThrownBy(() -> setProxy("ftp://127.0.0.1:21")).isInstanceOfSatisfying(RpcCallFailed.class, e -> {
            assertThat(e.code()).isEqualTo(-32602);
            assertThat(e.getMessage()).contains("proxyUrl: must start with");
        });
        assertThatThrownBy(() -> setProxy("https://user:pw@127.0.0.1:1080"))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.getMessage()).doesNotContain("pw@"));
        assertThat(listedProxy()).isNull();
    }
}
