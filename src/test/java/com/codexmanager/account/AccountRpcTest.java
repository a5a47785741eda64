package com.codexmanager.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.testkit.RpcTestClient;
import com.codexmanager.testkit.RpcTestClient.RpcCallFailed;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** account/list, read, update, updateSorts, delete, deleteMany over real RPC on a real service. */
class AccountRpcTest {
    static final Map<String, String> OFFLINE = Map.of("CODEXMANAGER_ISSUER", "http://127.0.0.1:9");
    private static final Instant EXP = Instant.now().plusSeconds(86_400 * 5);

    @TempDir
    Path dir;
    private ServiceHarness harness;
    private RpcTestClient rpc;

    @BeforeEach
    void start() {
        harness = ServiceHarness.start(dir, OFFLINE);
        rpc = harness.rpc();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    static String flat(TestTokens.Set t, String extra) {
        return "{\"access_token\":\"" + t.accessToken() + "\",\"refresh_token\":\"" + t.refreshToken()
                + "\",\"id_token\":\"" + t.idToken() + "\"" + extra + "}";
    }

    private List<String> importAccounts(int count) {
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            contents.add(flat(TestTokens.forAccount("acct-" + i, "user-" + i, "user" + i + "@example.test",
                    i % 2 == 0 ? "plus" : "pro", EXP), ""));
        }
        JsonObject result = rpc.call("account/import", Map.of("contents", contents));
        List<String> ids = new ArrayList<>();
        result.getAsJsonArray("accountIds").forEach(e -> ids.add(e.getAsString()));
        return ids;
    }

    @Test
    void list_filters_by_text_group_and_status_and_pages_with_a_total() {
        List<String> ids = importAccounts(7);
        rpc.call("account/update", Map.of("accountId", ids.get(1), "groupName", "TEAM", "status", "disabled"));
        rpc.call("account/update", Map.of("accountId", ids.get(2), "groupName", "TEAM"));

        JsonObject all = rpc.call("account/list");
        JsonObject page = rpc.call("account/list", Map.of("page", 2, "pageSize", 3));
        JsonObject team = rpc.call("account/list", Map.of("groupFilter", "TEAM"));
        JsonObject disabled = rpc.call("account/list", Map.of("statusFilter", List.of("disabled")));
        JsonObject byText = rpc.call("account/list", Map.of("query", "USER3@"));

        assertThat(all.get("total").getAsInt()).isEqualTo(7);
        assertThat(page.get("total").getAsInt()).isEqualTo(7);
        assertThat(page.getAsJsonArray("items")).hasSize(3);
        assertThat(team.get("total").getAsInt()).isEqualTo(2);
        assertThat(disabled.getAsJsonArray("items")).singleElement()
                .satisfies(e -> assertThat(e.getAsJsonObject().get("statusReason").getAsString())
                        .isEqualTo("manual_disable"));
        assertThat(byText.getAsJsonArray("items")).singleElement()
                .satisfies(e -> assertThat(e.getAsJsonObject().get("email").getAsString())
                        .isEqualTo("user3@example.test"));
    }

    @Test
    void read_shows_the_summary_fields_and_never_token_text() {
        TestTokens.Set t = TestTokens.forAccount("acct-x", "user-x", "x@example.test", "team", EXP);
        String id = rpc.call("account/import", Map.of("contents", List.of(flat(t, ""))))
                .getAsJsonArray("accountIds").get(0).getAsString();

        JsonObject account = rpc.call("account/read", Map.of("accountId", id));

        assertThat(account.get("email").getAsString()).isEqualTo("x@example.test");
        assertThat(account.get("chatgptAccountId").getAsString()).isEqualTo("acct-x");
        assertThat(account.get("userId").getAsString()).isEqualTo("user-x");
        assertThat(account.get("planType").getAsString()).isEqualTo("team");
        assertThat(account.get("groupName").getAsString()).isEqualTo("IMPORT");
        assertThat(account.get("status").getAsString()).isEqualTo("active");
        assertThat(account.get("hasToken").getAsBoolean()).isTrue();
        assertThat(account.get("accessTokenExpiresAt").getAsLong()).isEqualTo(EXP.getEpochSecond());
        assertThat(account.keySet()).contains("tags", "sort", "note", "statusReason", "lastRefreshAt", "createdAt",
                "updatedAt", "lastUsedAt", "workspaceId", "label");
        String listed = rpc.call("account/list").toString();
        for (String secret : List.of(t.accessToken(), t.refreshToken(), t.idToken())) {
            assertThat(account.toString()).doesNotContain(secret);
            assertThat(listed).doesNotContain(secret);
        }
    }

    @Test
    void update_changes_metadata_and_a_present_null_clears_group_and_note() {
        String id = importAccounts(1).get(0);

        rpc.call("account/update", Map.of("accountId", id, "label", "Main", "tags", "a, b,a", "note", "hello",
                "sort", 42));
        JsonObject patch = new JsonObject();
        patch.addProperty("accountId", id);
        patch.add("groupName", com.google.gson.JsonNull.INSTANCE);
        JsonObject updated = rpc.call("account/update", patch).getAsJsonObject("account");

        assertThat(updated.get("label").getAsString()).isEqualTo("Main");
        assertThat(updated.getAsJsonArray("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(updated.get("note").getAsString()).isEqualTo("hello");
        assertThat(updated.get("sort").getAsInt()).isEqualTo(42);
        assertThat(updated.get("groupName").isJsonNull()).isTrue();
    }

    @Test
    void validation_errors_name_the_field() {
        String id = importAccounts(1).get(0);

        assertField(() -> rpc.call("account/update", Map.of("accountId", id, "status", "banned")), "status");
        assertField(() -> rpc.call("account/update", Map.of("accountId", id, "label", "x".repeat(600))), "label");
        assertField(() -> rpc.call("account/update", Map.of("accountId", id, "sort", "high")), "sort");
        assertField(() -> rpc.call("account/list", Map.of("pageSize", 501)), "pageSize");
        assertField(() -> rpc.call("account/list", Map.of("statusFilter", "sleepy")), "statusFilter");
        assertField(() -> rpc.call("account/import", Map.of()), "contents");
        assertField(() -> rpc.call("account/export", Map.of("format", "xml")), "format");
        assertField(() -> rpc.call("account/updateSorts", Map.of("items", List.of(Map.of("sort", 1)))),
                "items[0]");
        assertThatThrownBy(() -> rpc.call("account/read", Map.of("accountId", "acc_nope")))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.code()).isEqualTo(-32004));
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RpcCallFailed.class, e -> {
            assertThat(e.code()).isEqualTo(-32602);
            assertThat(e.getMessage()).contains(field);
        });
    }

    @Test
    void update_sorts_reorders_in_one_transaction_and_changes_nothing_on_an_unknown_id() {
        List<String> ids = importAccounts(3);

        rpc.call("account/updateSorts", Map.of("accountIds", List.of(ids.get(2), ids.get(0), ids.get(1))));
        List<String> order = new ArrayList<>();
        rpc.call("account/list").getAsJsonArray("items")
                .forEach(e -> order.add(e.getAsJsonObject().get("id").getAsString()));
        assertThatThrownBy(() -> rpc.call("account/updateSorts", Map.of("items", List.of(
                Map.of("accountId", ids.get(0), "sort", 99), Map.of("accountId", "acc_missing", "sort", 1)))))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.code()).isEqualTo(-32004));

        assertThat(order).containsExactly(ids.get(2), ids.get(0), ids.get(1));
        assertThat(rpc.call("account/read", Map.of("accountId", ids.get(0))).get("sort").getAsInt()).isEqualTo(1);
    }

    @Test
    void delete_and_delete_many_report_what_they_removed() {
        List<String> ids = importAccounts(4);

        JsonObject one = rpc.call("account/delete", Map.of("accountId", ids.get(0)));
        JsonObject many = rpc.call("account/deleteMany", Map.of("accountIds", List.of(ids.get(1), ids.get(2),
                "acc_missing")));

        assertThat(one.get("ok").getAsBoolean()).isTrue();
        assertThat(many.get("deleted").getAsInt()).isEqualTo(2);
        assertThat(many.get("failed").getAsInt()).isEqualTo(1);
        assertThat(rpc.call("account/list").get("total").getAsInt()).isEqualTo(1);
        assertThatThrownBy(() -> rpc.call("account/delete", Map.of("accountId", ids.get(0))))
                .isInstanceOfSatisfying(RpcCallFailed.class, e -> assertThat(e.code()).isEqualTo(-32004));
    }

    @Test
    void methods_are_listed_with_their_parameters() {
        List<String> names = new ArrayList<>();
        for (JsonElement m : rpc.call("rpc/methods").getAsJsonArray("methods")) {
            names.add(m.getAsJsonObject().get("name").getAsString());
        }

        assertThat(names).contains("account/list", "account/read", "account/update", "account/updateSorts",
                "account/delete", "account/deleteMany", "account/import", "account/import/progress",
                "account/export", "account/refreshTokens", "account/login/start", "account/login/status",
                "account/login/complete", "account/login/cancel");
    }
}
