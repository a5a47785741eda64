package com.codexmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.OperatorCli.Run;
import com.codexmanager.desktop.EmbeddedService;
import com.codexmanager.desktop.FocusRequests;
import com.codexmanager.json.Json;
import com.codexmanager.module.ServiceOptions;
import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeAzureOpenAi;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator commands ({@code account import|list}, {@code key create}, {@code status}) run as the launcher runs
 * them, against the real service and the fake upstream, over RPC ({@code account login}: {@link AccountLoginCommandTest}).
 */
class OperatorCommandsTest {
    @TempDir
    Path dir;
    FakeUpstream fake;
    ServiceHarness service;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().strictModels(false).build());
        service = ServiceHarness.start(dir.resolve("data"), Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", fake.codexBaseUrl(),
                "CODEXMANAGER_USAGE_BASE_URL", fake.usageBaseUrl(),
                "CODEXMANAGER_ISSUER", fake.issuer()));
    }

    @AfterEach
    void stop() {
        service.close();
        fake.close();
    }

    private Run cli(String... args) {
        return OperatorCli.against(service, args);
    }

    private Path authJson(String name, FakeAccount account) throws Exception {
        Path file = dir.resolve("auth").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, account.tokens().codexAuthJson(Instant.now()));
    }

    @Test
    void account_import_reads_files_and_folders_and_reports_created_updated_and_failed_with_reasons()
            throws Exception {
        FakeAccount alice = fake.createAccount(AccountSpec.builder().email("alice@example.test").build());
        FakeAccount bob = fake.createAccount(AccountSpec.builder().email("bob@example.test").build());
        authJson("alice.json", alice);
        authJson("nested/bob.json", bob);
        authJson("notes.txt", alice);
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"not\":\"an account\"}");

        Run first = cli("account", "import", dir.resolve("auth").toString(), broken.toString());
        Run again = cli("account", "import", "--json", dir.resolve("auth").resolve("alice.json").toString());

        assertThat(first.code()).as(first.err()).isEqualTo(1);
        assertThat(first.out()).contains("Imported 3 files: 2 created, 0 updated, 1 failed")
                .contains("failed: " + broken + ": ");
        assertThat(again.code()).as(again.err()).isZero();
        JsonObject summary = Json.object(again.out().strip());
        assertThat(summary.get("updated").getAsInt()).isEqualTo(1);
        assertThat(summary.get("created").getAsInt()).isZero();
        assertThat(summary.getAsJsonArray("errors")).isEmpty();
    }

    @Test
    void account_import_on_a_terminal_shows_each_file_on_one_progress_line_and_clears_it() throws Exception {
        authJson("a.json", fake.createAccount());
        authJson("b.json", fake.createAccount());

        Run run = OperatorCli.onTerminal(service, "account", "import", dir.resolve("auth").toString());
        Run json = OperatorCli.onTerminal(service, "account", "import", "--json", dir.resolve("auth").toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("\rImporting 1/2 ").contains("\u001b[K\rImporting 2/2 ")
                .endsWith("\u001b[K\r\u001b[K");
        assertThat(run.err().split("\r")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(81));
        assertThat(run.out()).isEqualTo("Imported 2 files: 2 created, 0 updated, 0 failed\n");
        assertThat(json.code()).isZero();
        assertThat(json.err()).as("a script's output has no progress lines").isEmpty();
        assertThat(Json.object(json.out().strip()).get("updated").getAsInt()).isEqualTo(2);
    }

    @Test
    void account_list_shows_the_pool_as_a_table_or_json() throws Exception {
        cli("account", "import", authJson("carol.json", fake.createAccount(AccountSpec.builder()
                .email("carol@example.test").build())).toString());

        Run table = cli("account", "list");
        Run json = cli("account", "list", "--json");

        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("ID").contains("AVAILABILITY").contains("carol@example.test")
                .contains("active");
        assertThat(Json.object(json.out().strip()).getAsJsonArray("items")).hasSize(1);
    }

    @Test
    void key_create_prints_the_key_once_with_snippets_that_work_against_the_gateway() throws Exception {
        cli("account", "import", authJson("dave.json", fake.createAccount()).toString());

        Run run = cli("key", "create", "laptop", "--model", "gpt-5.5");

        assertThat(run.code()).as(run.err()).isZero();
        Matcher key = Pattern.compile("export CM_GATEWAY_KEY=(cmk_\\S+)").matcher(run.out());
        assertThat(key.find()).isTrue();
        assertThat(run.out()).contains("base_url = \"" + service.baseUrl() + "/v1\"")
                .contains("wire_api = \"responses\"").contains("model = \"gpt-5.5\"")
                .contains("export ANTHROPIC_BASE_URL=" + service.baseUrl())
                .contains("export ANTHROPIC_AUTH_TOKEN=" + key.group(1))
                .contains("OpenAI(base_url=\"" + service.baseUrl() + "/v1\"");
        HttpResponse<String> answer = service.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                + "/v1/responses")).header("Authorization", "Bearer " + key.group(1))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5.5\",\"input\":\"hi\"}")).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        HttpResponse<String> messages = service.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                + "/v1/messages")).header("Authorization", "Bearer " + key.group(1))
                .header("anthropic-version", "2023-06-01").header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"hi\"}]}")).build());
        assertThat(messages.statusCode()).as(messages.body()).isEqualTo(200);
    }

    @Test
    void key_create_json_holds_the_key_and_every_snippet() {
        Run run = cli("key", "create", "ci", "--protocol", "anthropic", "--json");

        JsonObject created = Json.object(run.out().strip());
        assertThat(run.code()).isZero();
        assertThat(created.get("key").getAsString()).startsWith("cmk_");
        assertThat(created.getAsJsonObject("snippets").keySet()).contains("codexConfigToml", "claudeCode",
                "openAiSdk");
        JsonObject listed = service.rpc().call("apikey/list").getAsJsonArray("items").get(0).getAsJsonObject();
        assertThat(listed.get("protocolType").getAsString()).isEqualTo("anthropic");
    }

    /**
     * An {@code azure_openai} key needs its Azure endpoint and the variable that holds the Azure api-key (a usage
     * error without them, or with them on another protocol); it prints the Azure client beside the Codex CLI and
     * Claude Code settings, and the printed Azure request is answered by the Azure resource.
     */
    @Test
    void key_create_for_azure_openai_needs_the_endpoint_and_key_variable_and_prints_a_working_azure_client()
            throws Exception {
        try (FakeAzureOpenAi azure = FakeAzureOpenAi.start("azure-secret-7", Set.of("my-deployment"),
                FakeUpstreamOptions.builder().build())) {
            Run noEndpoint = cli("key", "create", "az", "--protocol", "azure_openai", "--azure-api-key-env", "AZ");
            Run unsetVariable = OperatorCli.against(service, Map.of(), "key", "create", "az", "--protocol",
                    "azure_openai", "--azure-endpoint", azure.endpoint(), "--azure-api-key-env", "AZ");
            Run notAzure = OperatorCli.against(service, Map.of("AZ", "azure-secret-7"), "key", "create", "az",
                    "--azure-endpoint", azure.endpoint(), "--azure-api-key-env", "AZ");
            Run run = OperatorCli.against(service, Map.of("AZ", "azure-secret-7"), "key", "create", "az",
                    "--protocol", "azure_openai", "--model", "my-deployment", "--azure-endpoint", azure.endpoint(),
                    "--azure-api-key-env", "AZ");

            assertThat(List.of(noEndpoint.code(), unsetVariable.code(), notAzure.code())).containsOnly(2);
            assertThat(noEndpoint.err()).contains("--protocol azure_openai needs --azure-endpoint");
            assertThat(unsetVariable.err()).contains("AZ is not set");
            assertThat(notAzure.err()).contains("only with --protocol azure_openai");
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).doesNotContain("azure-secret-7").contains("model = \"my-deployment\"")
                    .contains("export ANTHROPIC_BASE_URL=" + service.baseUrl())
                    .contains("curl " + service.baseUrl() + "/openai/deployments/my-deployment/chat/completions");
            Matcher curl = Pattern.compile("curl (\\S+) \\\\\\n\\s+-H \"api-key: (cmk_\\S+)\".*\\n\\s+-d '(.*)'")
                    .matcher(run.out());
            assertThat(curl.find()).as(run.out()).isTrue();
            HttpResponse<String> answer = service.send(HttpRequest.newBuilder(URI.create(curl.group(1)))
                    .header("api-key", curl.group(2)).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(curl.group(3))).build());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(azure.calls()).singleElement().satisfies(call -> {
                assertThat(call.apiKey()).isEqualTo("azure-secret-7");
                assertThat(call.body().get("model").getAsString()).isEqualTo("my-deployment");
            });
        }
    }

    /** {@code --rpm} sends {@code limits: {requestsPerMinute}} and the key carries the limit. */
    @Test
    void key_create_with_rpm_sends_the_limit_and_prints_the_service_answer() {
        Run run = cli("key", "create", "limited", "--rpm", "7");

        assertThat(run.code()).as(run.err()).isZero();
        JsonObject listed = service.rpc().call("apikey/list").getAsJsonArray("items").get(0).getAsJsonObject();
        assertThat(listed.getAsJsonObject("limits").get("requestsPerMinute").getAsInt()).isEqualTo(7);
    }

    @Test
    void status_shows_the_service_the_accounts_the_pool_and_today_and_json_for_scripts() throws Exception {
        cli("account", "import", authJson("erin.json", fake.createAccount().setPrimaryUsedPercent(20)).toString());
        service.rpc().call("account/usage/refresh", Map.of("accountId", service.rpc().call("account/list")
                .getAsJsonArray("items").get(0).getAsJsonObject().get("id").getAsString()));

        Run text = cli("status");
        Run json = cli("status", "--json");

        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("Service   " + service.baseUrl()).contains("Accounts  1 (1 active)")
                .contains("Usable    1 available").contains("Pool left 5h 80% (over 1 account)")
                .contains("Today     0 requests");
        JsonObject status = Json.object(json.out().strip());
        assertThat(status.getAsJsonObject("pool").get("primaryRemainingPercent").getAsInt()).isEqualTo(80);
        assertThat(status.getAsJsonObject("today").get("requests").getAsLong()).isZero();
    }

    @Test
    void the_service_and_token_are_found_like_the_desktop_finds_them() {
        Map<String, String> env = Map.of(
                "CODEXMANAGER_DB_PATH", service.dataDir().resolve("codexmanager.mv.db").toString(),
                "CODEXMANAGER_SERVICE_ADDR", service.service().address().toString());

        Run run = OperatorCli.run(env, "status", "--json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Json.object(run.out().strip()).get("baseUrl").getAsString()).isEqualTo(service.baseUrl());
    }

    /** A running desktop records its embedded service's address in the data dir; the commands try it first. */
    @Test
    void a_running_desktops_service_is_found_through_its_file_in_the_data_dir() {
        Path desktopData = dir.resolve("desktop-data");
        Map<String, String> env = Map.of("CODEXMANAGER_DB_PATH", desktopData.resolve("codexmanager.mv.db").toString(),
                "CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:0", "CODEXMANAGER_DISABLE_POLLING", "1");
        EmbeddedService desktop = EmbeddedService.startNow(ServiceOptions.forTest(env, Clock.systemUTC()),
                new FocusRequests());
        String desktopUrl = desktop.endpoint().baseUrl();
        Map<String, String> cliEnv = Map.of("CODEXMANAGER_DB_PATH", env.get("CODEXMANAGER_DB_PATH"),
                "CODEXMANAGER_SERVICE_ADDR", service.service().address().toString());
        Run found;
        try {
            found = OperatorCli.run(cliEnv, "status", "--json");
        } finally {
            desktop.close();
        }

        Run afterTheDesktopQuit = OperatorCli.run(cliEnv, "status", "--json", "--token", service.rpcToken());

        assertThat(found.code()).as(found.err()).isZero();
        assertThat(Json.object(found.out().strip()).get("baseUrl").getAsString()).isEqualTo(desktopUrl)
                .isNotEqualTo(service.baseUrl());
        assertThat(afterTheDesktopQuit.code()).as(afterTheDesktopQuit.err()).isZero();
        assertThat(Json.object(afterTheDesktopQuit.out().strip()).get("baseUrl").getAsString())
                .as("a file left by a desktop that quit: the next candidate, CODEXMANAGER_SERVICE_ADDR")
                .isEqualTo(service.baseUrl());
    }

    @Test
    void an_unreachable_service_or_a_wrong_token_fails_with_one_and_a_remedy() {
        Run unreachable = OperatorCli.run(Map.of(), "status", "--service", "127.0.0.1:1", "--token", "x");
        Run wrongToken = OperatorCli.run(Map.of(), "account", "list", "--service", service.baseUrl(), "--token",
                "wrong");

        assertThat(unreachable.code()).isEqualTo(1);
        assertThat(unreachable.err()).contains("cannot reach the service at http://127.0.0.1:1")
                .contains("codexmanager serve");
        assertThat(wrongToken.code()).isEqualTo(1);
        assertThat(wrongToken.err()).contains("refused the RPC token").doesNotContain("wrong");
    }

    @Test
    void usage_errors_exit_with_two() {
        assertThat(cli("key", "create").code()).isEqualTo(2);
        assertThat(cli("key", "create", "x", "--protocol", "carrier-pigeon").code()).isEqualTo(2);
        assertThat(cli("account", "import", dir.resolve("missing.json").toString()).code()).isEqualTo(2);
        assertThat(cli("account").code()).isEqualTo(2);
        Run bad = OperatorCli.run(Map.of(), "status", "--service", "not a url");
        assertThat(bad.code()).isEqualTo(2);
    }

    @Test
    void every_operator_command_has_help() {
        for (String[] command : List.of(new String[] {"account", "import", "--help"},
                new String[] {"account", "list", "--help"}, new String[] {"account", "login", "--help"},
                new String[] {"key", "create", "--help"}, new String[] {"status", "--help"})) {
            Run run = OperatorCli.run(Map.of(), command);

            assertThat(run.code()).isZero();
            assertThat(run.out()).startsWith("Usage: codexmanager " + command[0]).contains("--service")
                    .contains("--json").contains("Exit codes");
        }
    }
}
