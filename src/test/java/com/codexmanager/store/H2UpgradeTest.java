package com.codexmanager.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.ServiceProcess;
import com.google.gson.JsonElement;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade keeps the data: a data dir written by the service on the H2 release the previous CodexManager shipped
 * (the same service code with that H2 jar in place of the current one, a real process) opens on the current H2 with
 * its accounts, their encrypted tokens, its keys and its request logs, and the gateway serves from it at once.
 */
class H2UpgradeTest {
    private static final String REQUEST = "{\"model\":\"gpt-5.5\",\"input\":\"after the upgrade\"}";

    @TempDir
    Path dir;

    @Test
    void a_data_dir_written_with_the_previous_h2_opens_with_its_accounts_keys_and_logs() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build())) {
            Map<String, String> env = Map.of(
                    "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                    "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                    "CODEXMANAGER_ISSUER", fake.issuer());
            List<FakeAccount> accounts = List.of(fake.createAccount(), fake.createAccount());
            ServiceProcess previous = ServiceProcess.prepareCommand(dir, env, List.of(javaBinary(), "-Xmx256m",
                    "-cp", previousH2ClassPath(), "com.codexmanager.Main", "serve")).start();
            String key;
            Set<String> ids;
            try {
                List<String> auth = new ArrayList<>();
                for (FakeAccount account : accounts) {
                    auth.add(account.tokens().codexAuthJson(Instant.now()));
                }
                previous.rpc().call("account/import", Map.of("contents", auth));
                key = previous.rpc().call("apikey/create", Map.of("name", "laptop", "protocolType", "openai"))
                        .get("key").getAsString();
                assertThat(ask(previous, key).statusCode()).isEqualTo(200);
                ids = accountIds(previous);
                previous.sigterm();
                assertThat(previous.awaitExit(Duration.ofSeconds(30))).as("clean stop").isIn(0, 143);
            } finally {
                previous.close();
            }

            try (ServiceProcess current = ServiceProcess.prepare(dir, env).start()) {
                assertThat(accountIds(current)).isEqualTo(ids).hasSize(2);
                HttpResponse<String> answer = ask(current, key);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                // the row from before the upgrade and this request's, which the log writer adds in the background
                Await.until("two request logs", Duration.ofSeconds(10), () -> current.rpc().call("requestlog/list",
                        Map.of("page", 1, "pageSize", 10)).getAsJsonArray("items").size() == 2);
                assertThat(current.logText()).doesNotContain("ERROR");
            }
        }
    }

    private static HttpResponse<String> ask(ServiceProcess service, String key) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                + "/v1/responses")).header("Authorization", "Bearer " + key).header("Content-Type",
                "application/json").timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(
                REQUEST)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> accountIds(ServiceProcess service) {
        Set<String> ids = new TreeSet<>();
        for (JsonElement item : service.rpc().call("account/list", Map.of()).getAsJsonArray("items")) {
            ids.add(item.getAsJsonObject().get("id").getAsString());
        }
        return ids;
    }

    /** This test's class path with the previous H2 jar (copied by the build, see pom.xml) in place of the current. */
    private static String previousH2ClassPath() {
        Path previousJar = Path.of(System.getProperty("h2.previous.jar", "target/h2-previous/missing.jar"));
        assertThat(previousJar).as("the previous H2 jar (mvn generate-test-resources copies it)").exists();
        List<String> entries = new ArrayList<>();
        int replaced = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            boolean h2 = path.getFileName() != null && path.getFileName().toString().matches("h2-[0-9.]+\\.jar")
                    && Files.isRegularFile(path);
            entries.add(h2 ? previousJar.toString() : entry);
            replaced += h2 ? 1 : 0;
        }
        assertThat(replaced).as("H2 jars on the class path").isEqualTo(1);
        return String.join(File.pathSeparator, entries);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
