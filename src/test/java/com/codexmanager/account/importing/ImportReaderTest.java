package com.codexmanager.account.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.account.AccountDraft;
import com.codexmanager.account.AccountStatus;
import com.codexmanager.account.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ImportReaderTest {
    private static final Instant EXP = Instant.parse("2026-03-01T00:00:00Z");
    private static final TestTokens.Set T = TestTokens.forAccount("acct-1", "user-1", "one@example.test", "pro", EXP);

    private final List<ImportReader.Item> items = new ArrayList<>();
    private final ImportReader reader = new ImportReader(items::add);

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("codex auth.json", "{\"auth_mode\":\"chatgpt\",\"OPENAI_API_KEY\":null,\"tokens\":"
                        + "{\"id_token\":\"" + T.idToken() + "\",\"access_token\":\"" + T.accessToken()
                        + "\",\"refresh_token\":\"" + T.refreshToken() + "\",\"account_id\":\"acct-1\"},"
                        + "\"last_refresh\":\"2026-01-01T10:15:30.123456Z\"}"),
                Arguments.of("flat snake_case", "{\"access_token\":\"" + T.accessToken() + "\",\"refresh_token\":\""
                        + T.refreshToken() + "\",\"id_token\":\"" + T.idToken() + "\"}"),
                Arguments.of("flat camelCase", "{\"accessToken\":\"" + T.accessToken() + "\",\"refreshToken\":\""
                        + T.refreshToken() + "\",\"idToken\":\"" + T.idToken() + "\"}"),
                Arguments.of("CLIProxyAPI", "{\"type\":\"codex\",\"id_token\":\"" + T.idToken()
                        + "\",\"access_token\":\"" + T.accessToken() + "\",\"refresh_token\":\"" + T.refreshToken()
                        + "\",\"account_id\":\"acct-1\",\"email\":\"one@example.test\","
                        + "\"last_refresh\":\"2026-01-01T10:00:00+08:00\",\"expired\":\"2026-03-01T08:00:00+08:00\"}"),
                Arguments.of("sub2api", "{\"type\":\"sub2api-data\",\"version\":1,\"exported_at\":\"2026-01-01\","
                        + "\"accounts\":[{\"name\":\"n\",\"platform\":\"anthropic\",\"type\":\"oauth\","
                        + "\"credentials\":{\"access_token\":\"x\"}},{\"name\":\"one\",\"platform\":\"openai\","
                        + "\"type\":\"oauth\",\"credentials\":{\"access_token\":\"" + T.accessToken()
                        + "\",\"refresh_token\":\"" + T.refreshToken() + "\",\"id_token\":\"" + T.idToken()
                        + "\",\"chatgpt_account_id\":\"acct-1\"},\"extra\":{\"email\":\"one@example.test\"}}]}"),
                Arguments.of("ChatGPT session", "{\"user\":{\"id\":\"user-1\",\"name\":\"One\",\"email\":"
                        + "\"one@example.test\"},\"expires\":\"2026-04-01T00:00:00.000Z\",\"accessToken\":\""
                        + T.accessToken() + "\",\"authProvider\":\"openai\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void every_supported_shape_yields_the_same_identity(String name, String content) {
        reader.read(content);

        assertThat(items).hasSize(1);
        AccountDraft draft = items.get(0).draft();
        assertThat(draft).as(items.get(0).error()).isNotNull();
        assertThat(draft.tokens().accessToken()).isEqualTo(T.accessToken());
        assertThat(draft.claims().chatgptAccountId()).isEqualTo("acct-1");
        assertThat(draft.claims().userId()).isEqualTo("user-1");
        assertThat(draft.claims().email()).isEqualTo("one@example.test");
        assertThat(draft.claims().planType()).isEqualTo("pro");
        assertThat(draft.claims().expiresAt()).isEqualTo(EXP);
    }

    @Test
    void arrays_concatenated_streams_and_lines_are_split_into_numbered_items() {
        TestTokens.Set other = TestTokens.random(EXP);
        String one = "{\"access_token\":\"" + T.accessToken() + "\"}";
        String two = "{\"access_token\":\"" + other.accessToken() + "\"}";

        reader.read("[" + one + "," + two + "]");
        reader.read(one + "\n" + two + two);
        reader.read(T.accessToken() + "\n\n# comment\n" + other.accessToken() + "\n");

        assertThat(items).extracting(ImportReader.Item::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(items).allMatch(ImportReader.Item::ok);
    }

    @Test
    void broken_items_are_reported_by_index_without_stopping_the_others() {
        reader.read("[{\"access_token\":\"" + T.accessToken() + "\"}, {\"refresh_token\":\"rt_only\"}, 5,"
                + " {\"access_token\":\"" + T.accessToken() + "\",\"id_token\":\"not-a-jwt\"}]");
        reader.read("not a token line");
        reader.read("{\"access_token\":\"" + T.accessToken() + "\"} {\"broken\": ");
        reader.read("{\"OPENAI_API_KEY\":\"sk-abc\"}");

        assertThat(items).extracting(ImportReader.Item::ok)
                .containsExactly(true, false, false, false, false, true, false, false);
        assertThat(items.get(1).error()).contains("no access token");
        assertThat(items.get(2).error()).contains("not a JSON object");
        assertThat(items.get(3).error()).contains("id_token is not a JWT");
        assertThat(items.get(4).error()).contains("neither JSON nor a JWT");
        assertThat(items.get(6).error()).startsWith("invalid JSON");
        assertThat(items.get(7).error()).contains("API key");
        assertThat(items).allSatisfy(i -> assertThat(String.valueOf(i.error())).doesNotContain("sk-abc"));
    }

    @Test
    void our_export_metadata_is_read_back() {
        reader.read("{\"format\":\"codexmanager.accounts\",\"version\":1,\"accounts\":[{\"tokens\":{\"access_token\":\""
                + T.accessToken() + "\"},\"meta\":{\"label\":\"Work\",\"groupName\":\"TEAM\",\"tags\":[\"a\",\"b\"],"
                + "\"note\":\"n\",\"sort\":7,\"status\":\"disabled\"}}]}");

        AccountDraft draft = items.get(0).draft();
        assertThat(draft.label()).isEqualTo("Work");
        assertThat(draft.groupName()).isEqualTo("TEAM");
        assertThat(draft.tags()).containsExactly("a", "b");
        assertThat(draft.note()).isEqualTo("n");
        assertThat(draft.sort()).isEqualTo(7);
        assertThat(draft.status()).isEqualTo(AccountStatus.DISABLED);
    }

    @Test
    void sub2api_entries_of_other_platforms_are_skipped_not_failed() {
        reader.read("{\"type\":\"sub2api-data\",\"accounts\":[{\"platform\":\"gemini\",\"type\":\"oauth\"},"
                + "{\"platform\":\"openai\",\"type\":\"apikey\",\"credentials\":{\"api_key\":\"sk-x\"}}]}");

        assertThat(items).isEmpty();
        assertThat(reader.skipped()).isEqualTo(2);
    }
}
