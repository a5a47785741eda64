package com.codexmanager.desktop;

import com.codexmanager.account.TestTokens;
import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.RpcTestClient;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One desktop with its embedded service wired to a {@link FakeUpstream}, seeded only through real RPC and real
 * gateway requests: three accounts (alice 35 %, bob exhausted, carol 10 %) with their usage fetched from the fake,
 * three platform keys, and request-log rows from requests sent through {@code /v1/responses}. Shared by the tests
 * of one class. Not thread-safe (test thread only).
 */
final class DesktopFixture implements AutoCloseable {
    static final String MINI_MODEL = "gpt-5.4-mini";

    final FakeUpstream fake;
    final RunningDesktop desktop;
    final List<FakeAccount> fakes = new ArrayList<>();
    final List<String> ids = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String gatewayKey;

    private DesktopFixture(FakeUpstream fake, RunningDesktop desktop) {
        this.fake = fake;
        this.desktop = desktop;
    }

    static DesktopFixture start(Path dataDir, boolean tray, GuiTestSupport.RecordingPlatform platform) {
        return start(dataDir, tray, platform, Map.of());
    }

    /** @param env environment entries that override the fixture's (e.g. a fixed service address) */
    static DesktopFixture start(Path dataDir, boolean tray, GuiTestSupport.RecordingPlatform platform,
            Map<String, String> env) {
        FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().allowAnyRedirectPort().build());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl());
        extra.put("CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl());
        extra.put("CODEXMANAGER_ISSUER", fake.issuer());
        extra.put("CODEXMANAGER_LOGIN_ADDR", "localhost:0");
        extra.putAll(env);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            RunningDesktop desktop = DesktopLauncher.start(GuiTestSupport.options(GuiTestSupport.env(dataDir, extra),
                    tray, platform), new PrintStream(err, true, StandardCharsets.UTF_8)).desktop().orElseThrow();
            return new DesktopFixture(fake, desktop);
        } catch (RuntimeException e) {
            fake.close();
            throw e;
        }
    }

    /** A client for the service as it runs now (a restart may move it to another port). */
    RpcTestClient rpc() {
        return RpcTestClient.of(desktop.service().endpoint().baseUrl(), desktop.service().endpoint().token());
    }

    private static final double[][] SEED_USAGE = {{35, 20}, {100, 60}, {10, 5}};

    /** Imports alice, bob and carol from the fake's tokens in that order and fetches their usage. */
    DesktopFixture seedPool() {
        double[][] usage = SEED_USAGE;
        List<String> contents = new ArrayList<>();
        for (String name : List.of("alice", "bob", "carol")) {
            FakeAccount account = fake.createAccount(AccountSpec.builder().email(name + "@example.com").build());
            double[] u = usage[fakes.size()];
            account.setPrimaryUsedPercent(u[0]).setSecondaryUsedPercent(u[1]);
            fakes.add(account);
            contents.add(account.tokens().codexAuthJson(Instant.now()));
        }
        rpc().call("account/import", Map.of("contents", contents));
        for (FakeAccount account : fakes) {
            ids.add(accountIdOf(account.email()));
        }
        rpc().call("account/updateSorts", Map.of("accountIds", ids));
        refreshUsage();
        return this;
    }

    /** Three keys: an OpenAI key bound to a model, an Anthropic key and a disabled one. */
    DesktopFixture seedKeys() {
        gatewayKey = rpc().call("apikey/create", Map.of("name", "Codex laptop", "protocolType", "openai"))
                .get("key").getAsString();
        rpc().call("apikey/create", Map.of("name", "Claude Code", "protocolType", "anthropic",
                "reasoningEffort", "high"));
        String old = rpc().call("apikey/create", Map.of("name", "Old CI", "protocolType", "openai",
                "modelSlug", "gpt-5.4")).get("id").getAsString();
        rpc().call("apikey/disable", Map.of("id", old));
        return this;
    }

    /**
     * Puts the pool back to what {@link #seedPool()} made, whatever a test did to it: only alice, bob and carol, in
     * that order, enabled, without group, tags or note, with their seeded usage fetched again, and nothing pinned.
     */
    DesktopFixture resetPool() {
        List<String> extra = new ArrayList<>(order());
        extra.removeAll(ids);
        if (!extra.isEmpty()) {
            rpc().call("account/deleteMany", Map.of("accountIds", extra));
        }
        for (int i = 0; i < fakes.size(); i++) {
            fakes.get(i).setPrimaryUsedPercent(SEED_USAGE[i][0]).setSecondaryUsedPercent(SEED_USAGE[i][1]);
            JsonObject patch = new JsonObject();
            patch.addProperty("accountId", ids.get(i));
            patch.addProperty("status", "active");
            patch.add("groupName", com.google.gson.JsonNull.INSTANCE);
            patch.add("note", com.google.gson.JsonNull.INSTANCE);
            patch.add("tags", new com.google.gson.JsonArray());
            patch.add("proxyUrl", com.google.gson.JsonNull.INSTANCE);
            rpc().call("account/update", patch);
        }
        rpc().call("account/updateSorts", Map.of("accountIds", ids));
        rpc().call("gateway/manualAccount/clear", Map.of());
        refreshUsage();
        return this;
    }

    /** Deletes every key and creates the three of {@link #seedKeys()} again (a new secret for the first). */
    DesktopFixture resetKeys() {
        for (JsonElement e : rpc().call("apikey/list").getAsJsonArray("items")) {
            rpc().call("apikey/delete", Map.of("id", e.getAsJsonObject().get("id").getAsString()));
        }
        return seedKeys();
    }

    /**
     * Request-log rows from real gateway requests: {@code ok} answered ones (every third with {@link #MINI_MODEL}),
     * one refused locally (401, bad key), one that every usable account fails (5xx) and, while those accounts
     * cool down, one that no account can take (5xx without an account). Leaves the pool cooling down for a few
     * seconds, so tests that need the gateway to answer use {@link #seedPool()} on their own fixture.
     */
    DesktopFixture seedLogs(int ok) {
        for (int i = 0; i < ok; i++) {
            send(gatewayKey, i % 3 == 2 ? MINI_MODEL : "gpt-5.5", "hello " + i);
        }
        send("cmk_not_a_real_key", "gpt-5.5", "who am I");
        send(gatewayKey, "gpt-5.5", "[[scenario:internal_server_error]]");
        send(gatewayKey, "gpt-5.5", "nobody left");
        awaitLogRows(ok + 3);
        return this;
    }

    /** POSTs a non-streaming {@code /v1/responses} request with {@code key}; returns the HTTP status. */
    int send(String key, String model, String input) {
        String body = "{\"model\":\"" + model + "\",\"input\":\"" + input + "\",\"stream\":false}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(desktop.service().endpoint().baseUrl()
                + "/v1/responses")).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String gatewayKey() {
        return gatewayKey;
    }

    /** Fetches every account's usage from the fake now and waits for the service's job to finish. */
    void refreshUsage() {
        JsonObject job = rpc().call("account/usage/refresh", Map.of());
        String jobId = job.get("jobId").getAsString();
        poll("usage refresh " + jobId, () -> !rpc().call("job/status", Map.of("jobId", jobId)).get("running")
                .getAsBoolean());
    }

    /** Log rows the service has stored that match {@code params} ({@code requestlog/list} total). */
    /** A stored setting's value as text, from {@code appSettings/get}. */
    String settingValue(String key) {
        return rpc().call("appSettings/get", Map.of()).getAsJsonObject("values").get(key).getAsString();
    }

    long logCount(Map<String, Object> params) {
        return rpc().call("requestlog/list", params).get("total").getAsLong();
    }

    /** Waits until the request log lists at least {@code count} rows. */
    void awaitLogRows(long count) {
        poll(count + " log rows", () -> logCount(Map.of()) >= count);
    }

    String accountIdOf(String email) {
        for (JsonElement item : rpc().call("account/list", Map.of("query", email)).getAsJsonArray("items")) {
            return item.getAsJsonObject().get("id").getAsString();
        }
        throw new AssertionError("account not imported: " + email);
    }

    /** Account ids in pool order. */
    List<String> order() {
        List<String> out = new ArrayList<>();
        for (JsonElement e : rpc().call("account/list", Map.of("pageSize", 500)).getAsJsonArray("items")) {
            out.add(e.getAsJsonObject().get("id").getAsString());
        }
        return out;
    }

    List<String> emails() {
        List<String> out = new ArrayList<>();
        for (JsonElement e : rpc().call("account/list", Map.of("pageSize", 500)).getAsJsonArray("items")) {
            out.add(e.getAsJsonObject().get("email").getAsString());
        }
        return out;
    }

    /** The content of an importable token file for {@code email} (an account the fake does not know). */
    static String tokenFile(String email) {
        String local = email.substring(0, email.indexOf('@'));
        TestTokens.Set t = TestTokens.forAccount("acct-" + local, "user-" + local, email, "plus",
                Instant.now().plus(10, ChronoUnit.DAYS));
        return "{\"access_token\":\"" + t.accessToken() + "\",\"refresh_token\":\"" + t.refreshToken()
                + "\",\"id_token\":\"" + t.idToken() + "\"}";
    }

    /** A loopback port that was free a moment ago, for a service that must keep its address across restarts. */
    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} off the EDT every 25 ms, failing after 15 s. */
    static void poll(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            desktop.quit(20, TimeUnit.SECONDS);
        } finally {
            fake.close();
        }
    }
}
