package com.codexmanager.desktop;

import static com.codexmanager.desktop.GuiTestSupport.await;
import static com.codexmanager.desktop.GuiTestSupport.onEdt;
import static com.codexmanager.desktop.GuiTestSupport.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.cli.ClientSnippets;
import com.codexmanager.desktop.model.KeysTableModel;
import com.codexmanager.desktop.ui.WrappingLabel;
import com.codexmanager.testkit.FakeAzureOpenAi;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform keys page against one real service (accounts in groups, three seeded keys): create with every
 * setting, edit every setting, the client snippets again without the secret, and the columns. Each test starts
 * from the seeded keys and the window's defaults, whatever ran before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeysGuiTest {
    @TempDir
    static Path dataDir;

    private DesktopFixture fixture;
    private DesktopDriver ui;

    @BeforeAll
    void start() {
        GuiTestSupport.assumeDisplay();
        fixture = DesktopFixture.start(dataDir, false, new GuiTestSupport.RecordingPlatform());
        fixture.seedPool().seedKeys();
        fixture.rpc().call("account/update", Map.of("accountId", fixture.ids.get(0), "groupName", "IMPORT"));
        ui = new DesktopDriver(fixture.desktop);
    }

    @AfterAll
    void stop() throws Exception {
        if (ui != null) {
            ui.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void seededKeysAndDefaults() {
        fixture.resetKeys();
        onEdt(() -> fixture.desktop.app().context().pool().refresh());
        await("groups known", () -> fixture.desktop.app().context().pool().current().groups().contains("IMPORT"));
        ui.reset();
        ui.open(Page.KEYS);
        await("seeded keys", () -> ui.table("keys-table").getRowCount() == 3);
    }

    private JsonObject storedKey(String name) {
        JsonObject key = storedKeyOrNull(name);
        if (key == null) {
            throw new AssertionError("no key named " + name);
        }
        return key;
    }

    /** For conditions polled while the dialog's save may still be on its way (a rename not stored yet). */
    private JsonObject storedKeyOrNull(String name) {
        for (JsonElement e : fixture.rpc().call("apikey/list").getAsJsonArray("items")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(name)) {
                return e.getAsJsonObject();
            }
        }
        return null;
    }

    private boolean storedKeyHasExpiry(String name) {
        JsonObject key = storedKeyOrNull(name);
        return key != null && key.has("expiresAt") && !key.get("expiresAt").isJsonNull();
    }

    /**
     * Bug: the dialog sent {@code upstreamApiKey}, {@code accountGroupFilter} and {@code expiresInDays}, which the
     * service does not read, so the key lost its group and expiry and an Azure key was refused.
     */
    @Test
    void an_azure_key_with_group_and_expiry_made_in_the_dialog_is_stored_with_all_three() {
        ui.window.button("keys.create").click();
        DialogFixture create = ui.dialog("createKeyDialog");
        create.textBox("key.name").enterText("Azure team");
        ui.select(create.comboBox("key.protocol"), "Azure OpenAI");
        create.textBox("key.azureEndpoint").enterText("https://team.openai.azure.com");
        create.textBox("key.azureKey").enterText("azure-secret-1");
        create.textBox("key.group.text").enterText("IMPORT");
        ui.select(create.comboBox("key.expiry"), "In 7 days");
        screenshot(create.target(), "dialog-create-key-azure-light");
        Instant before = Instant.now();

        create.button("key.submit").click();

        DialogFixture created = ui.dialog("keyCreatedDialog");
        created.button("created.done").click();
        JsonObject key = storedKey("Azure team");
        assertThat(key.get("protocolType").getAsString()).isEqualTo("azure_openai");
        assertThat(key.get("upstreamBaseUrl").getAsString()).isEqualTo("https://team.openai.azure.com");
        assertThat(key.get("hasAzureApiKey").getAsBoolean()).isTrue();
        assertThat(key.get("accountGroup").getAsString()).isEqualTo("IMPORT");
        assertThat(Instant.ofEpochSecond(key.get("expiresAt").getAsLong()))
                .isBetween(before.plus(Duration.ofDays(7)).minusSeconds(5), Instant.now().plus(Duration.ofDays(7)));
        await("row shows group and expiry", () -> rowOf("Azure team") >= 0);
        assertThat(cell("Azure team", KeysTableModel.Column.GROUP)).isEqualTo("IMPORT");
        assertThat(cell("Azure team", KeysTableModel.Column.PROTOCOL)).isEqualTo("Azure OpenAI");
        assertThat(cell("Azure team", KeysTableModel.Column.EXPIRES)).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    /** Bug: a long refusal widened the error line until the form's labels read "…" and fields left the dialog. */
    @Test
    void a_long_refusal_wraps_under_the_form_and_every_label_stays_whole() {
        ui.window.button("keys.create").click();
        DialogFixture create = ui.dialog("createKeyDialog");
        create.textBox("key.name").enterText("Broken endpoint");
        ui.select(create.comboBox("key.protocol"), "Azure OpenAI");
        create.textBox("key.azureEndpoint").enterText("ftp://team.openai.azure.com/a/very/long/path/that/goes/on");

        create.button("key.submit").click();

        WrappingLabel error = (WrappingLabel) ui.named((Container) create.target(), "key.error");
        await("refusal shown", () -> error.message().contains("upstreamBaseUrl"));
        robotIdle();
        screenshot(create.target(), "dialog-create-key-refused-light");
        Container pane = onEdt(() -> ((javax.swing.JDialog) create.target()).getContentPane());
        Rectangle content = new Rectangle(onEdt(() -> pane.getSize()));
        for (Component c : onEdt(() -> ui.robot.finder().findAll(pane,
                x -> x.isShowing() && (x instanceof JLabel || x instanceof javax.swing.JTextField)))) {
            Rectangle r = onEdt(() -> SwingUtilities.convertRectangle(c.getParent(), c.getBounds(), pane));
            assertThat(content.contains(r)).as(c.getName() + " inside the dialog: " + r).isTrue();
            if (c instanceof JLabel label && !(c instanceof WrappingLabel)) {
                assertThat(onEdt(() -> label.getWidth())).as("width of " + label.getText())
                        .isGreaterThanOrEqualTo(onEdt(() -> label.getPreferredSize().width));
            }
        }
    }

    @Test
    void edit_changes_every_setting_the_service_takes() {
        onEdt(() -> selectRow("Claude Code"));
        ui.window.button("keys.edit").click();
        DialogFixture edit = ui.dialog("editKeyDialog");
        assertThat(edit.textBox("key.name").text()).isEqualTo("Claude Code");
        assertThat(String.valueOf(edit.comboBox("key.effort").target().getSelectedItem())).isEqualTo("high");

        edit.textBox("key.name").deleteText().enterText("Claude Code (team)");
        ui.select(edit.comboBox("key.protocol"), "OpenAI compatible");
        ui.select(edit.comboBox("key.effort"), "Follow request");
        edit.textBox("key.allowedModels").enterText("gpt-5.5, gpt-5.4-mini");
        ui.select(edit.comboBox("key.model"), "GPT-5.5");
        edit.textBox("key.group.text").enterText("IMPORT");
        ui.select(edit.comboBox("key.expiry"), "In 30 days");
        screenshot(edit.target(), "dialog-edit-key-light");
        edit.button("key.save").click();

        await("saved", () -> storedKeyHasExpiry("Claude Code (team)"));
        JsonObject key = storedKey("Claude Code (team)");
        assertThat(key.get("protocolType").getAsString()).isEqualTo("openai");
        assertThat(key.get("modelSlug").getAsString()).isEqualTo("gpt-5.5");
        assertThat(key.get("reasoningEffort").isJsonNull()).isTrue();
        assertThat(key.getAsJsonArray("allowedModels").toString()).isEqualTo("[\"gpt-5.5\",\"gpt-5.4-mini\"]");
        assertThat(key.get("accountGroup").getAsString()).isEqualTo("IMPORT");
        await("row follows", () -> rowOf("Claude Code (team)") >= 0);

        onEdt(() -> selectRow("Claude Code (team)"));
        ui.window.button("keys.edit").click();
        DialogFixture again = ui.dialog("editKeyDialog");
        assertThat(String.valueOf(again.comboBox("key.expiry").target().getSelectedItem())).endsWith("(unchanged)");
        ui.select(again.comboBox("key.expiry"), "Never");
        again.textBox("key.group.text").deleteText();
        again.button("key.save").click();
        await("cleared", () -> !storedKeyHasExpiry("Claude Code (team)"));
        assertThat(storedKey("Claude Code (team)").get("accountGroup").isJsonNull()).isTrue();
    }

    /**
     * The Azure API key never comes back to the desktop, so its field opens blank; saving with it blank must keep
     * the stored key, proven by a request the edited key relays to a fake Azure endpoint at its new address.
     */
    @Test
    void an_azure_key_edited_with_its_api_key_left_blank_keeps_it_and_takes_the_new_endpoint() {
        try (FakeAzureOpenAi azure = FakeAzureOpenAi.start("azure-secret-1", Set.of("team-deployment"),
                FakeUpstreamOptions.DEFAULT)) {
            String secret = fixture.rpc().call("apikey/create", Map.of("name", "Azure team", "protocolType",
                    "azure_openai", "upstreamBaseUrl", "https://old-team.openai.azure.com", "azureApiKey",
                    "azure-secret-1", "modelSlug", "team-deployment")).get("key").getAsString();
            ui.open(Page.LOGS);
            ui.open(Page.KEYS);
            await("azure key listed", () -> rowOf("Azure team") >= 0);
            onEdt(() -> selectRow("Azure team"));
            ui.window.button("keys.edit").click();
            DialogFixture edit = ui.dialog("editKeyDialog");
            assertThat(edit.textBox("key.azureEndpoint").text()).isEqualTo("https://old-team.openai.azure.com");
            assertThat(edit.textBox("key.azureKey").text()).isEmpty();

            edit.textBox("key.azureEndpoint").deleteText().enterText(azure.endpoint());
            edit.button("key.save").click();

            await("endpoint saved", () -> storedKey("Azure team").get("upstreamBaseUrl").getAsString()
                    .equals(azure.endpoint()));
            assertThat(storedKey("Azure team").get("hasAzureApiKey").getAsBoolean()).isTrue();
            assertThat(fixture.send(secret, "any-model", "still keyed")).isEqualTo(200);
            assertThat(azure.calls()).last().extracting(FakeAzureOpenAi.Call::apiKey).isEqualTo("azure-secret-1");
        }
    }

    /** The group field offers the groups the pool already has; the one picked is the one stored. */
    @Test
    void the_group_field_of_the_key_dialog_offers_the_pools_groups() {
        ui.window.button("keys.create").click();
        DialogFixture create = ui.dialog("createKeyDialog");
        create.textBox("key.name").enterText("Import only");
        JComboBox<?> group = (JComboBox<?>) ui.named((Container) create.target(), "key.group");

        assertThat(onEdt(() -> items(group))).contains("IMPORT");

        ui.select(create.comboBox("key.group"), "IMPORT");
        create.button("key.submit").click();
        ui.dialog("keyCreatedDialog").button("created.done").click();
        assertThat(storedKey("Import only").get("accountGroup").getAsString()).isEqualTo("IMPORT");
    }

    private static List<String> items(JComboBox<?> combo) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < combo.getItemCount(); i++) {
            items.add(String.valueOf(combo.getItemAt(i)));
        }
        return items;
    }

    @Test
    void the_client_setup_of_an_existing_key_shows_again_without_its_secret() {
        JsonObject codex = storedKey("Codex laptop");
        onEdt(() -> selectRow("Codex laptop"));

        ui.window.button("keys.snippets").click();

        DialogFixture snippets = ui.dialog("keySnippetsDialog");
        String text = snippets.textBox("snippet.codex").text();
        assertThat(text).contains("base_url = \"" + fixture.desktop.service().endpoint().baseUrl() + "/v1\"")
                .contains(codex.get("keyPrefix").getAsString()).doesNotContain(fixture.gatewayKey())
                // the same variable as `key create` prints; not CODEXMANAGER_*, the service's settings namespace
                .contains("env_key = \"" + ClientSnippets.CODEX_KEY_VARIABLE + "\"").doesNotContain("CODEXMANAGER_");
        javax.swing.JTextArea claude = (javax.swing.JTextArea) ui.named((Container) snippets.target(),
                "snippet.claude");
        assertThat(onEdt(() -> claude.getText())).doesNotContain(fixture.gatewayKey());
        assertThat(ui.robot.finder().findAll((Container) snippets.target(),
                c -> "created.key".equals(c.getName()))).isEmpty();
        screenshot(snippets.target(), "dialog-key-snippets-light");
        snippets.button("created.done").click();
    }

    @Test
    void limits_typed_in_the_dialog_are_stored_shown_and_cleared_in_edit() {
        ui.window.button("keys.create").click();
        DialogFixture create = ui.dialog("createKeyDialog");
        create.textBox("key.name").enterText("Shared script");
        create.textBox("key.requestsPerMinute").enterText("abc");
        create.button("key.submit").click();
        WrappingLabel error = (WrappingLabel) ui.named((Container) create.target(), "key.error");
        await("refused before sending", () -> error.message().contains("whole number"));
        create.textBox("key.requestsPerMinute").deleteText().enterText("3");
        create.textBox("key.tokensPerDay").enterText("50000");
        screenshot(create.target(), "dialog-create-key-limits-light");

        create.button("key.submit").click();

        ui.dialog("keyCreatedDialog").button("created.done").click();
        JsonObject limits = storedKey("Shared script").getAsJsonObject("limits");
        assertThat(limits.get("requestsPerMinute").getAsInt()).isEqualTo(3);
        assertThat(limits.get("tokensPerDay").getAsLong()).isEqualTo(50_000);
        await("limits column", () -> rowOf("Shared script") >= 0
                && cell("Shared script", KeysTableModel.Column.LIMITS).equals("3/min · 50.0k tok/day"));
        assertThat(cell("Codex laptop", KeysTableModel.Column.LIMITS)).isEqualTo("No limit");

        onEdt(() -> selectRow("Shared script"));
        ui.window.button("keys.edit").click();
        DialogFixture edit = ui.dialog("editKeyDialog");
        assertThat(edit.textBox("key.requestsPerMinute").text()).isEqualTo("3");
        edit.textBox("key.requestsPerMinute").deleteText();
        edit.button("key.save").click();
        await("per-minute limit cleared", () -> storedKey("Shared script").getAsJsonObject("limits")
                .get("requestsPerMinute").isJsonNull());
        assertThat(storedKey("Shared script").getAsJsonObject("limits").get("tokensPerDay").getAsLong())
                .isEqualTo(50_000);
    }

    @Test
    void the_table_shows_group_expiry_protocol_model_and_todays_requests_per_key() {
        fixture.rpc().call("apikey/update", Map.of("id", storedKey("Old CI").get("id").getAsString(),
                "accountGroup", "IMPORT", "expiresAt", Instant.now().plus(Duration.ofDays(3)).getEpochSecond()));
        for (int i = 0; i < 2; i++) {
            assertThat(fixture.send(fixture.gatewayKey(), "gpt-5.5", "counted " + i)).isEqualTo(200);
        }
        String codex = storedKey("Codex laptop").get("id").getAsString();
        await("logged", () -> fixture.rpc().call("apikey/usage", Map.of("id", codex)).get("requests")
                .getAsLong() >= 2);
        JsonObject usage = fixture.rpc().call("apikey/usage", Map.of("id", codex));
        String expected = usage.get("requests").getAsLong() + " req · " + com.codexmanager.desktop.ui.Formats.compact(
                usage.get("inputTokens").getAsLong() + usage.get("outputTokens").getAsLong()) + " tok";

        ui.open(Page.LOGS);
        ui.open(Page.KEYS);

        await("usage today", () -> cell("Codex laptop", KeysTableModel.Column.TODAY).equals(expected));
        assertThat(cell("Claude Code", KeysTableModel.Column.TODAY)).isEqualTo("0 req · 0 tok");
        assertThat(cell("Old CI", KeysTableModel.Column.GROUP)).isEqualTo("IMPORT");
        assertThat(cell("Old CI", KeysTableModel.Column.MODEL)).isEqualTo("gpt-5.4");
        assertThat(cell("Old CI", KeysTableModel.Column.STATUS)).isEqualTo("Disabled");
        assertThat(cell("Claude Code", KeysTableModel.Column.MODEL)).isEqualTo("Follow request · high");
        assertThat(cell("Claude Code", KeysTableModel.Column.PROTOCOL)).isEqualTo("Anthropic (Claude Code)");
        assertThat(cell("Claude Code", KeysTableModel.Column.EXPIRES)).isEqualTo("Never");
        assertThat(ui.window.label("keys-count").text()).isEqualTo("3 keys");
        screenshot(ui.frame().getRootPane(), "page-keys-columns-light");
    }

    private void robotIdle() {
        ui.robot.waitForIdle();
    }

    private int rowOf(String name) {
        JTable table = ui.table("keys-table");
        for (int i = 0; i < table.getModel().getRowCount(); i++) {
            if (name.equals(table.getModel().getValueAt(i, KeysTableModel.Column.NAME.ordinal()))) {
                return i;
            }
        }
        return -1;
    }

    private String cell(String name, KeysTableModel.Column column) {
        return onEdt(() -> String.valueOf(ui.table("keys-table").getModel().getValueAt(rowOf(name),
                column.ordinal())));
    }

    private void selectRow(String name) {
        JTable table = ui.table("keys-table");
        int view = table.convertRowIndexToView(rowOf(name));
        table.setRowSelectionInterval(view, view);
    }
}
