package com.codexmanager.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RefreshFault;
import com.codexmanager.testkit.ResponsesSocket;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of the real service, rendered by the Prometheus client: the gateway counters, the pool gauges an
 * operator alerts on, per-key traffic and JVM metrics.
 */
class MetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$",
            Pattern.MULTILINE);

    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;
    FakeAccount first;
    FakeAccount second;
    JsonObject key;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        service = ServiceHarness.start(dir, Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer()));
        first = fake.createAccount().setPrimaryUsedPercent(30).setSecondaryUsedPercent(10);
        second = fake.createAccount().setPrimaryUsedPercent(96).setSecondaryUsedPercent(50);
        service.rpc().call("account/import", Map.of("contents", List.of(first.tokens().codexAuthJson(Instant.now()),
                second.tokens().codexAuthJson(Instant.now()))));
        for (var item : service.rpc().call("account/list").getAsJsonArray("items")) {
            service.rpc().call("account/usage/refresh", Map.of("accountId",
                    item.getAsJsonObject().get("id").getAsString()));
        }
        key = service.rpc().call("apikey/create", Map.of("name", "metrics", "protocolType", "openai"));
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    private HttpResponse<String> scrape(String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/metrics"));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return service.send(request.build());
    }

    private static Map<String, Double> samples(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }

    private void ask() {
        HttpResponse<String> response = service.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                + "/v1/responses")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + key.get("key").getAsString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5.5\",\"input\":\"hi\"}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void the_pool_gauges_show_accounts_by_status_and_availability_and_the_remaining_quota() {
        Map<String, Double> metrics = samples(scrape(null).body());

        assertThat(metrics).containsEntry("codexmanager_accounts{status=\"active\"}", 2.0)
                .containsEntry("codexmanager_accounts{status=\"disabled\"}", 0.0)
                .containsEntry("codexmanager_accounts_by_availability{availability=\"available\"}", 2.0)
                .containsEntry("codexmanager_accounts_needing_login", 0.0)
                .containsEntry("codexmanager_pool_quota_accounts{window=\"5h\"}", 2.0)
                .containsEntry("codexmanager_pool_quota_remaining_ratio{window=\"5h\"}", 0.37)
                .containsEntry("codexmanager_pool_quota_remaining_ratio{window=\"7d\"}", 0.7)
                .containsEntry("codexmanager_account_quota_remaining_ratio{account_id=\"" + accountId(second)
                        + "\",window=\"5h\"}", 0.04);
    }

    @Test
    void open_responses_websockets_are_a_gauge() {
        String secret = key.get("key").getAsString();
        try (ResponsesSocket socket = ResponsesSocket.open(service.baseUrl(),
                ResponsesSocket.codexHeaders(secret, "metrics-session"))) {
            assertThat(samples(scrape(null).body())).containsEntry("codexmanager_websockets_open", 1.0);
        }

        Await.until("the closed socket is not counted", () -> Double.valueOf(0.0)
                .equals(samples(scrape(null).body()).get("codexmanager_websockets_open")));
    }

    @Test
    void refused_websocket_upgrades_are_counted_by_code() throws Exception {
        service.rpc().call("appSettings/set", Map.of("websocketEnabled", "false"));
        int port = URI.create(service.baseUrl()).getPort();

        int status = ResponsesSocket.refusal(port, ResponsesSocket.codexHeaders(key.get("key").getAsString(),
                "metrics-session")).status();

        assertThat(status).isEqualTo(426);
        assertThat(samples(scrape(null).body()))
                .containsEntry("codexmanager_websocket_upgrades_refused_total{code=\"websocket_disabled\"}", 1.0);
    }

    @Test
    void gateway_requests_are_counted_overall_and_per_key_with_tokens() {
        ask();

        HttpResponse<String> response = scrape(null);
        Map<String, Double> metrics = samples(response.body());

        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct)
                .startsWith("text/plain; version=0.0.4"));
        String keyLabels = "key_id=\"" + key.get("id").getAsString() + "\",key_prefix=\""
                + key.get("key").getAsString().substring(0, 12) + "\"";
        assertThat(metrics).containsEntry("codexmanager_requests_total{status=\"200\"}", 1.0)
                .containsEntry("codexmanager_requests_in_flight", 0.0)
                .containsEntry("codexmanager_key_requests_total{" + keyLabels + ",status_class=\"2xx\"}", 1.0)
                .containsKey("codexmanager_request_duration_seconds_bucket{le=\"+Inf\"}")
                .containsKey("codexmanager_failovers_total");
        assertThat(metrics.get("codexmanager_key_tokens_total{" + keyLabels + ",type=\"input\"}")).isPositive();
        assertThat(metrics.keySet()).anyMatch(name -> name.startsWith("jvm_memory_used_bytes"))
                .anyMatch(name -> name.startsWith("process_cpu_seconds_total"));
        assertThat(response.body()).doesNotContain(key.get("key").getAsString());
    }

    @Test
    void a_burnt_refresh_token_shows_as_a_permanent_refresh_failure_and_an_account_needing_login() {
        first.enqueueRefreshFaults(RefreshFault.REFRESH_TOKEN_INVALIDATED);

        try {
            service.rpc().call("account/refreshTokens", Map.of("accountId", accountId(first)));
        } catch (RuntimeException expected) {
            // the refresh fails for good; the metrics tell
        }
        Map<String, Double> metrics = samples(scrape(null).body());

        assertThat(metrics).containsEntry("codexmanager_token_refresh_failures_total{kind=\"permanent\"}", 1.0)
                .containsEntry("codexmanager_accounts{status=\"unavailable\"}", 1.0)
                .containsEntry("codexmanager_accounts_needing_login", 1.0);
    }

    @Test
    void openmetrics_is_served_when_the_scraper_asks_for_it() {
        HttpResponse<String> response = scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");

        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct)
                .startsWith("application/openmetrics-text"));
        assertThat(response.body()).endsWith("# EOF\n");
    }

    @Test
    void only_loopback_callers_get_metrics_without_the_token() {
        assertThat(MetricsModule.isLoopback("10.1.2.3")).isFalse();
        assertThat(MetricsModule.isLoopback("127.0.0.1")).isTrue();
        assertThat(MetricsModule.isLoopback("::1")).isTrue();
        assertThat(MetricsModule.bearer("Bearer abc ")).isEqualTo("abc");
        assertThat(MetricsModule.bearer("Basic abc")).isNull();
    }

    private String accountId(FakeAccount account) {
        return service.rpc().call("account/list", Map.of("query", account.email())).getAsJsonArray("items").get(0)
                .getAsJsonObject().get("id").getAsString();
    }
}
