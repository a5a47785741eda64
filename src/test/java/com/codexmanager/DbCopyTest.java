package com.codexmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.account.AccountProxies;
import com.codexmanager.account.rpc.AccountsModule;
import com.codexmanager.apikey.ApiKeysModule;
import com.codexmanager.apikey.KeyAuthResult;
import com.codexmanager.apikey.KeyService;
import com.codexmanager.config.Setting;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.PostgresServer;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codexmanager db copy}: a desktop user's embedded database (accounts with sealed tokens, keys, a sealed
 * setting, request logs) moves into an empty PostgreSQL database, and a service started on it serves the same
 * keys with the same accounts, with the data dir's key shared or with a new shared key.
 */
class DbCopyTest {
    private static final String COOKIE = "cf_clearance=copy-cookie-2718";
    private static final String AZURE_SECRET = "azure-secret-copy-31415";
    private static final String PROXY_SECRET = "proxy-secret-copy-2236";

    @TempDir
    Path dir;
    FakeUpstream fake;
    final List<FakeAccount> accounts = new ArrayList<>();
    final List<String> accountIds = new ArrayList<>();
    String platformKey;
    String azureKey;
    Map<String, String> usageOnTheDesktop;

    /** One command's exit code and output. */
    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void seedTheDesktop() {
        // the source is the embedded H2 file by definition; the PostgreSQL pass has nothing to add here
        Assumptions.assumeFalse(ServiceHarness.onPostgres());
        Assumptions.assumeTrue(PostgresServer.available());
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        try (ServiceHarness desktop = ServiceHarness.start(desktopDir(), upstreamEnv())) {
            for (int i = 0; i < 2; i++) {
                FakeAccount account = fake.createAccount();
                accounts.add(account);
                desktop.rpc().call("account/import", Map.of("contents",
                        List.of(account.tokens().codexAuthJson(Instant.now()))));
            }
            for (JsonElement item : desktop.rpc().call("account/list", Map.of()).getAsJsonArray("items")) {
                accountIds.add(item.getAsJsonObject().get("id").getAsString());
            }
            platformKey = desktop.rpc().call("apikey/create", Map.of("name", "laptop", "protocolType", "openai"))
                    .get("key").getAsString();
            azureKey = desktop.rpc().call("apikey/create", Map.of("name", "az", "protocolType", "azure_openai",
                    "upstreamBaseUrl", "https://res.openai.azure.com/openai/", "azureApiKey", AZURE_SECRET))
                    .get("key").getAsString();
            desktop.rpc().call("appSettings/set", Map.of("upstreamCookie", COOKIE));
            for (int i = 0; i < 3; i++) {
                assertThat(ask(desktop).statusCode()).isEqualTo(200);
            }
            Await.until("three logs on the desktop", () -> logTotal(desktop) == 3);
            for (String id : accountIds) {
                desktop.rpc().call("account/usage/refresh", Map.of("accountId", id));
            }
            usageOnTheDesktop = usageWindows(desktop);
            assertThat(usageOnTheDesktop).hasSize(2);
            // a parked account behind its own proxy: the proxy password is sealed like the tokens
            desktop.rpc().call("account/update", Map.of("accountId", accountIds.get(1), "status", "disabled",
                    "proxyUrl", "http://squid:" + PROXY_SECRET + "@127.0.0.1:3128"));
        }
    }

    @AfterEach
    void stopFake() {
        if (fake != null) {
            fake.close();
        }
    }

    private Path desktopDir() {
        return dir.resolve("desktop");
    }

    private Map<String, String> upstreamEnv() {
        return Map.of("CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(), "CODEXMANAGER_ISSUER", fake.issuer());
    }

    /** The command as an operator runs it on the desktop machine: the data dir from the environment. */
    private Run copy(String to, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("CODEXMANAGER_DB_PATH", desktopDir().resolve("codexmanager.mv.db").toString());
        env.put("CODEXMANAGER_DB_USER", PostgresServer.get().user());
        env.putAll(extraEnv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"db", "copy", "--to", to}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private ServiceHarness server(String url, Map<String, String> keyEnv) {
        Map<String, String> env = new HashMap<>(upstreamEnv());
        env.put("CODEXMANAGER_DB_URL", url);
        env.put("CODEXMANAGER_DB_USER", PostgresServer.get().user());
        env.putAll(keyEnv);
        return ServiceHarness.start(dir.resolve("server"), env);
    }

    private HttpResponse<String> ask(ServiceHarness service) {
        return service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/responses"))
                .header("Authorization", "Bearer " + platformKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5.5\",\"input\":\"copied?\"}")).build());
    }

    /** Each account's latest usage windows as text, by account id. */
    private static Map<String, String> usageWindows(ServiceHarness service) {
        Map<String, String> windows = new HashMap<>();
        for (JsonElement item : service.rpc().call("account/usage/list", Map.of()).getAsJsonArray("items")) {
            JsonObject report = item.getAsJsonObject();
            if (report.has("capturedAt") && !report.get("capturedAt").isJsonNull()) {
                windows.put(report.get("accountId").getAsString(), "captured " + report.get("capturedAt")
                        + " primary " + report.get("usedPercent") + "/" + report.get("resetsAt")
                        + " secondary " + report.get("secondaryUsedPercent") + "/" + report.get("secondaryResetsAt")
                        + " plan " + report.get("planType"));
            }
        }
        return windows;
    }

    private static long logTotal(ServiceHarness service) {
        return service.rpc().call("requestlog/list", Map.of("page", 1, "pageSize", 10)).get("total").getAsLong();
    }

    /** Everything the desktop had works on the server, and no secret is stored in plain text there. */
    private void assertServerHasEverything(ServiceHarness server, String url) {
        List<String> ids = new ArrayList<>();
        for (JsonElement item : server.rpc().call("account/list", Map.of()).getAsJsonArray("items")) {
            ids.add(item.getAsJsonObject().get("id").getAsString());
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(accountIds);
        assertThat(logTotal(server)).isEqualTo(3);
        assertThat(usageWindows(server)).as("latest usage copied").isEqualTo(usageOnTheDesktop);

        HttpResponse<String> answer = ask(server);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Await.until("the new request logged on the server", () -> logTotal(server) == 4);

        KeyService keys = server.service().module(ApiKeysModule.class).orElseThrow().keys();
        KeyAuthResult azure = keys.authenticate(azureKey);
        assertThat(azure).isInstanceOf(KeyAuthResult.Accepted.class);
        assertThat(keys.azureApiKey(((KeyAuthResult.Accepted) azure).key())).isEqualTo(AZURE_SECRET);
        assertThat(server.service().appSettings().current().text(Setting.UPSTREAM_COOKIE)).isEqualTo(COOKIE);
        AccountProxies proxies = server.service().module(AccountsModule.class).orElseThrow().proxies();
        assertThat(proxies.of(accountIds.get(1)).orElseThrow().password()).isEqualTo(PROXY_SECRET);
        String another = server.rpc().call("apikey/create", Map.of("name", "server", "protocolType", "openai"))
                .get("key").getAsString();
        assertThat(another).isNotEqualTo(platformKey);

        String stored = PostgresServer.get().tablesAsText(url);
        assertThat(stored).doesNotContain(AZURE_SECRET).doesNotContain(PROXY_SECRET).doesNotContain("copy-cookie-2718");
        for (FakeAccount account : accounts) {
            assertThat(stored).doesNotContain(account.refreshToken()).doesNotContain(account.accessToken());
        }
    }

    @Test
    void with_the_data_dir_key_shared_the_server_opens_every_copied_token_and_nothing_prints_the_key()
            throws Exception {
        String url = PostgresServer.get().newDatabase();

        Run run = copy(url, Map.of());

        assertThat(run.code()).as(run.err()).isZero();
        Path keyFile = desktopDir().resolve("codexmanager.key");
        assertThat(run.out()).containsPattern("accounts\\s+2 rows").containsPattern("request_logs\\s+3 rows")
                .contains("CODEXMANAGER_SECRET_KEY_FILE=" + keyFile);
        String keyText = Files.readString(keyFile).lines().skip(1).findFirst().orElseThrow().strip();
        assertThat(run.out() + run.err()).doesNotContain(keyText);
        try (ServiceHarness server = server(url, Map.of("CODEXMANAGER_SECRET_KEY_FILE", keyFile.toString()))) {
            assertServerHasEverything(server, url);
        }
        assertThat(PostgresServer.get().tablesAsText(url)).as("the key is never stored").doesNotContain(keyText);
    }

    @Test
    void with_a_new_shared_key_every_sealed_value_is_encrypted_again_under_it() {
        String url = PostgresServer.get().newDatabase();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String shared = Base64.getEncoder().encodeToString(key);

        Run run = copy(url, Map.of("CODEXMANAGER_SECRET_KEY", shared));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("re-encrypted under CODEXMANAGER_SECRET_KEY").doesNotContain(shared);
        try (ServiceHarness server = server(url, Map.of("CODEXMANAGER_SECRET_KEY", shared))) {
            assertServerHasEverything(server, url);
        }
        assertThat(PostgresServer.get().tablesAsText(url)).as("the key is never stored").doesNotContain(shared);
    }

    @Test
    void a_database_that_already_has_accounts_is_refused_and_left_as_it_was() {
        String url = PostgresServer.get().newDatabase();
        assertThat(copy(url, Map.of()).code()).isZero();
        String before = PostgresServer.get().tablesAsText(url);

        Run again = copy(url, Map.of());

        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already has rows in accounts");
        assertThat(PostgresServer.get().tablesAsText(url)).isEqualTo(before);
    }

    @Test
    void a_running_service_on_the_data_dir_is_refused_because_its_data_would_change_during_the_copy() {
        String url = PostgresServer.get().newDatabase();
        try (ServiceHarness running = ServiceHarness.start(desktopDir(), upstreamEnv())) {
            Run run = copy(url, Map.of());

            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).contains("stop it first");
        }
    }

    @Test
    void a_target_that_is_not_postgresql_is_a_usage_error() {
        Run run = copy("jdbc:h2:/tmp/elsewhere", Map.of());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--to must be a PostgreSQL JDBC URL");
    }
}
