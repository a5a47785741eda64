package com.codexmanager.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.MutableClock;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
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
 * {@code account/usage/forecast} through the real service: requests served by the fake upstream (each adds 1 % to
 * the 5-hour window and 0.25 % to the weekly one) give a burn rate, and the pool lasts as long as the 5-hour window
 * holds at that rate.
 */
class ForecastRpcTest {
    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;
    FakeAccount account;
    String key;
    final MutableClock clock = new MutableClock(Instant.now());

    @BeforeEach
    void start() {
        fake = FakeUpstream.start();
        service = ServiceHarness.start(dir, Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer()), clock);
        account = fake.createAccount();
        service.rpc().call("account/import", Map.of("contents",
                List.of(account.tokens().codexAuthJson(Instant.now()))));
        key = service.rpc().call("apikey/create", Map.of("name", "f", "protocolType", "openai")).get("key")
                .getAsString();
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    private void ask() {
        assertThat(service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5.5\",\"input\":\"hello\"}")).build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void four_requests_give_a_burn_rate_and_the_pool_lasts_until_the_five_hour_window_fills() {
        JsonObject idle = service.rpc().call("account/usage/forecast");
        assertThat(idle.getAsJsonObject("pool").get("tokensPerHour").getAsDouble()).isZero();
        assertThat(idle.getAsJsonObject("pool").has("hoursLeft")
                && !idle.getAsJsonObject("pool").get("hoursLeft").isJsonNull()).isFalse();

        for (int i = 0; i < 4; i++) {
            ask();
        }
        Await.until("four requests logged", Duration.ofSeconds(10), () -> service.rpc().call("requestlog/list",
                Map.of("page", 1, "pageSize", 10)).getAsJsonArray("items").size() == 4);
        clock.advance(Duration.ofSeconds(31));
        JsonObject forecast = service.rpc().call("account/usage/forecast");

        JsonObject pool = forecast.getAsJsonObject("pool");
        assertThat(pool.get("requestsPerHour").getAsDouble()).as("a new forecast after the cached one aged")
                .isEqualTo(4);
        assertThat(pool.get("hoursLeft").getAsDouble()).isCloseTo(24.0, within(0.01));
        JsonObject only = forecast.getAsJsonArray("accounts").get(0).getAsJsonObject();
        assertThat(only.getAsJsonObject("primary").get("percentPerHour").getAsDouble()).isCloseTo(4.0, within(0.01));
        assertThat(only.getAsJsonObject("secondary").get("percentPerHour").getAsDouble()).isCloseTo(1.0,
                within(0.01));
        assertThat(only.getAsJsonObject("primary").get("resetsFirst").getAsBoolean()).isTrue();
    }
}
