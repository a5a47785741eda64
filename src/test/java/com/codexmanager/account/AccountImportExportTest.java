package com.codexmanager.account;

import static com.codexmanager.account.AccountRpcTest.OFFLINE;
import static com.codexmanager.account.AccountRpcTest.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** account/import and account/export round trips, per-item errors, and secrets at rest. */
class AccountImportExportTest {
    private static final Instant EXP = Instant.now().plusSeconds(86_400 * 5);

    @TempDir
    Path dir;

    private static List<String> files(JsonObject export) {
        List<String> contents = new ArrayList<>();
        for (JsonElement f : export.getAsJsonArray("files")) {
            contents.add(f.getAsJsonObject().get("content").getAsString());
        }
        return contents;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"codexmanager", "codex", "cliproxyapi"})
    void every_export_format_imports_back_into_the_same_accounts(String format) {
        TestTokens.Set a = TestTokens.forAccount("acct-a", "user-a", "a@example.test", "plus", EXP);
        TestTokens.Set b = TestTokens.forAccount("acct-b", "user-b", "b@example.test", "pro", EXP);
        JsonObject export;
        try (ServiceHarness source = ServiceHarness.start(dir.resolve("source"), OFFLINE)) {
            source.rpc().call("account/import", Map.of("contents", List.of(flat(a, ""), flat(b, ""))));
            export = source.rpc().call("account/export", Map.of("format", format));
        }

        try (ServiceHarness target = ServiceHarness.start(dir.resolve("target"), OFFLINE)) {
            JsonObject first = target.rpc().call("account/import", Map.of("contents", files(export)));
            JsonObject again = target.rpc().call("account/import", Map.of("contents", files(export)));
            JsonObject reexport = target.rpc().call("account/export", Map.of("format", "codexmanager"));

            assertThat(first.get("created").getAsInt()).isEqualTo(2);
            assertThat(again.get("updated").getAsInt()).isEqualTo(2);
            assertThat(again.get("created").getAsInt()).isZero();
            assertThat(target.rpc().call("account/list").get("total").getAsInt()).isEqualTo(2);
            String text = files(reexport).get(0);
            for (String token : List.of(a.accessToken(), a.refreshToken(), a.idToken(), b.accessToken())) {
                assertThat(text).contains(token);
            }
        }
    }

    @Test
    void our_format_round_trips_group_tags_note_sort_and_status() {
        TestTokens.Set a = TestTokens.forAccount("acct-a", "user-a", "a@example.test", "plus", EXP);
        JsonObject export;
        try (ServiceHarness source = ServiceHarness.start(dir.resolve("source"), OFFLINE)) {
            String id = source.rpc().call("account/import", Map.of("contents", List.of(flat(a, ""))))
                    .getAsJsonArray("accountIds").get(0).getAsString();
            source.rpc().call("account/update", Map.of("accountId", id, "label", "Work", "groupName", "TEAM",
                    "tags", List.of("x", "y"), "note", "night shift", "sort", 17, "status", "disabled"));
            export = source.rpc().call("account/export", Map.of());
        }

        try (ServiceHarness target = ServiceHarness.start(dir.resolve("target"), OFFLINE)) {
            target.rpc().call("account/import", Map.of("contents", files(export)));
            JsonObject account = target.rpc().call("account/list").getAsJsonArray("items").get(0).getAsJsonObject();

            assertThat(account.get("label").getAsString()).isEqualTo("Work");
            assertThat(account.get("groupName").getAsString()).isEqualTo("TEAM");
            assertThat(account.getAsJsonArray("tags").toString()).isEqualTo("[\"x\",\"y\"]");
            assertThat(account.get("note").getAsString()).isEqualTo("night shift");
            assertThat(account.get("sort").getAsInt()).isEqualTo(17);
            assertThat(account.get("status").getAsString()).isEqualTo("disabled");
        }
    }

    @Test
    void malformed_items_are_reported_per_item_and_leave_no_rows() {
        TestTokens.Set good = TestTokens.random(EXP);
        try (ServiceHarness harness = ServiceHarness.start(dir, OFFLINE)) {
            JsonObject result = harness.rpc().call("account/import", Map.of("contents", List.of(
                    "[" + flat(good, "") + ", {\"refresh_token\":\"rt_x\"}, {\"access_token\":\""
                            + good.accessToken() + "\",\"tags\":{\"no\":1}}]",
                    "{ this is not json", "plain words")));

            assertThat(result.get("total").getAsInt()).isEqualTo(5);
            assertThat(result.get("created").getAsInt()).isEqualTo(1);
            assertThat(result.get("failed").getAsInt()).isEqualTo(4);
            assertThat(result.getAsJsonArray("errors").toString()).contains("\"index\":1", "\"index\":2",
                    "\"index\":3", "\"index\":4", "no access token", "tags must be");
            assertThat(harness.rpc().call("account/list").get("total").getAsInt()).isEqualTo(1);
        }
    }

    @Test
    void import_runs_in_batches_and_reports_progress() {
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            contents.add(flat(TestTokens.random(EXP), ""));
        }
        try (ServiceHarness harness = ServiceHarness.start(dir, Map.of("CODEXMANAGER_ISSUER", "http://127.0.0.1:9",
                "CODEXMANAGER_ACCOUNT_IMPORT_BATCH_SIZE", "10"))) {
            JsonObject result = harness.rpc().call("account/import", Map.of("contents", contents,
                    "importId", "bench-1"));
            JsonObject progress = harness.rpc().call("account/import/progress", Map.of("importId", "bench-1"));

            assertThat(result.get("created").getAsInt()).isEqualTo(25);
            assertThat(progress.get("processed").getAsInt()).isEqualTo(25);
            assertThat(progress.get("done").getAsBoolean()).isTrue();
        }
    }

    @Test
    void the_database_file_and_logs_hold_no_token_text() throws Exception {
        // reads the H2 file and the data dir's key file; the PostgreSQL pass checks its tables in PostgresSmokeTest
        org.junit.jupiter.api.Assumptions.assumeFalse(ServiceHarness.onPostgres());
        TestTokens.Set t = TestTokens.random(EXP);
        try (ServiceHarness harness = ServiceHarness.start(dir, OFFLINE)) {
            harness.rpc().call("account/import", Map.of("contents", List.of(flat(t, ""))));
            harness.rpc().call("account/export", Map.of("format", "codex"));
        }

        String everything;
        try (ServiceHarness harness = ServiceHarness.start(dir, OFFLINE)) {
            everything = harness.allFilesAsText();
        }
        byte[] db = Files.readAllBytes(dir.resolve("codexmanager.mv.db"));
        String dbText = new String(db, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String secret : List.of(t.accessToken(), t.refreshToken(), t.idToken(),
                t.refreshToken().substring(3, 20), t.accessToken().split("\\.")[1].substring(0, 24))) {
            assertThat(dbText).doesNotContain(secret);
            assertThat(everything).doesNotContain(secret);
        }
        assertThat(dbText).contains("acct-");
    }

    @Test
    void a_lost_master_key_gives_secret_unavailable_and_a_new_import_heals_the_account() throws Exception {
        // reads the H2 file and the data dir's key file; the PostgreSQL pass checks its tables in PostgresSmokeTest
        org.junit.jupiter.api.Assumptions.assumeFalse(ServiceHarness.onPostgres());
        TestTokens.Set t = TestTokens.random(EXP);
        try (ServiceHarness harness = ServiceHarness.start(dir, OFFLINE)) {
            harness.rpc().call("account/import", Map.of("contents", List.of(flat(t, ""))));
        }
        Files.delete(dir.resolve("codexmanager.key"));

        try (ServiceHarness harness = ServiceHarness.start(dir, OFFLINE)) {
            RpcTestClient rpc = harness.rpc();
            String id = rpc.call("account/list").getAsJsonArray("items").get(0).getAsJsonObject().get("id")
                    .getAsString();

            assertThatThrownBy(() -> rpc.call("account/refreshTokens", Map.of("accountId", id)))
                    .isInstanceOfSatisfying(RpcCallFailed.class, e -> {
                        assertThat(e.code()).isEqualTo(-32030);
                        assertThat(e.getMessage()).contains("log in");
                        assertThat(e.data().getAsJsonObject().get("remedy").getAsString()).isEqualTo("login");
                    });
            JsonObject export = rpc.call("account/export", Map.of());
            assertThat(export.get("exported").getAsInt()).isZero();
            assertThat(export.getAsJsonArray("skipped").toString()).contains("master key");
            assertThat(rpc.call("account/read", Map.of("accountId", id)).get("email").getAsString())
                    .isEqualTo(t.email());

            rpc.call("account/import", Map.of("contents", List.of(flat(t, ""))));
            assertThat(rpc.call("account/export", Map.of()).get("exported").getAsInt()).isEqualTo(1);
        }
    }

    @Test
    void exported_files_written_to_disk_are_owner_only() throws Exception {
        Path out = dir.resolve("exports");
        try (ServiceHarness harness = ServiceHarness.start(dir.resolve("data"), OFFLINE)) {
            harness.rpc().call("account/import", Map.of("contents", List.of(flat(TestTokens.random(EXP), ""))));
            harness.rpc().call("account/export", Map.of("format", "codex", "outputDir", out.toString()));
        }

        try (var written = Files.list(out)) {
            assertThat(written.toList()).singleElement().satisfies(p -> assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(p))).isEqualTo("rw-------"));
        }
    }
}
