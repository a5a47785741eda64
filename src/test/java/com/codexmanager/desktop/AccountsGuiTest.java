package com.codexmanager.desktop;

import static com.codexmanager.desktop.GuiTestSupport.await;
import static com.codexmanager.desktop.GuiTestSupport.onEdt;
import static com.codexmanager.desktop.GuiTestSupport.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.desktop.dialog.GroupField;
import com.codexmanager.desktop.dialog.ImportDialog;
import com.codexmanager.desktop.model.AccountRow;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.model.AccountsTableModel;
import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeAccount;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JProgressBar;
import javax.swing.JTable;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounts page against one real service whose accounts and usage come from the fake upstream: add through the
 * browser login, import with usage fetched at once, bulk actions, reordering, marks and file choosers. Every test
 * starts from the seeded pool (alice, bob exhausted, carol) and the window's defaults, whatever ran before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsGuiTest {
    @TempDir
    static Path dataDir;

    private final GuiTestSupport.RecordingPlatform platform = new GuiTestSupport.RecordingPlatform();
    private DesktopFixture fixture;
    private DesktopDriver ui;
    private List<String> ids;

    @BeforeAll
    void start() {
        GuiTestSupport.assumeDisplay();
        fixture = DesktopFixture.start(dataDir, false, platform);
        fixture.seedPool().seedKeys();
        ids = fixture.ids;
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
    void seededPoolAndDefaults() {
        fixture.resetPool();
        ui.reset();
        ui.open(Page.ACCOUNTS);
        onEdt(() -> fixture.desktop.app().window().page(Page.ACCOUNTS).activated());
        await("seeded rows", () -> shownIds().equals(ids) && rows().stream().noneMatch(AccountRow::disabled)
                && rows().stream().allMatch(a -> a.groupName().isEmpty()));
    }

    private JTable table() {
        return ui.table("accounts-table");
    }

    private List<AccountRow> rows() {
        return onEdt(() -> ((AccountsTableModel) table().getModel()).rows());
    }

    private List<String> shownIds() {
        return onEdt(() -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < table().getRowCount(); i++) {
                out.add(((AccountsTableModel) table().getModel()).row(table().convertRowIndexToModel(i)).id());
            }
            return out;
        });
    }

    private void select(String... accountIds) {
        onEdt(() -> {
            table().clearSelection();
            for (String id : accountIds) {
                int view = shownIds().indexOf(id);
                table().addRowSelectionInterval(view, view);
            }
        });
    }

    private JsonObject stored(String accountId) {
        return fixture.rpc().call("account/read", Map.of("accountId", accountId));
    }

    /**
     * Bug: Group, Tags and Note typed after "Open login page" stayed editable but never reached the account. They
     * lock once the login starts; what was typed before arrives, and the new account's usage is fetched at once.
     */
    @Test
    void details_typed_before_the_login_reach_the_account_and_lock_once_it_starts() throws Exception {
        FakeAccount dora = fixture.fake.createAccount(AccountSpec.builder().email("dora@example.test").build());
        dora.setPrimaryUsedPercent(42).setSecondaryUsedPercent(7);
        fixture.fake.signInAs(dora);
        ui.window.button("accounts.add").click();
        DialogFixture dialog = ui.dialog("addAccountDialog");
        dialog.textBox("login.group.text").enterText("night-shift");
        dialog.textBox("login.tags").enterText("team-a");

        dialog.button("login.start").click();

        await("url shown", () -> !dialog.textBox("login.url").target().getText().isEmpty());
        assertThat(onEdt(() -> ui.named((Container) dialog.target(), "login.group").isEnabled())).isFalse();
        assertThat(dialog.textBox("login.tags").target().isEditable()).isFalse();
        assertThat(dialog.textBox("login.note").target().isEditable()).isFalse();
        assertThat(dialog.label("login.detailsLocked").target().isShowing()).isTrue();
        assertThat(platform.browsed()).hasSize(1);
        String authUrl = dialog.textBox("login.url").text();
        String callback = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(authUrl)).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
        dialog.textBox("login.callback").enterText("http://localhost/auth/callback?code=abc");
        dialog.button("login.complete").click();
        await("refused", () -> dialog.label("login-status").text().contains("no code and state"));
        dialog.textBox("login.callback").deleteText().enterText(callback);
        dialog.button("login.complete").click();

        await("added", Duration.ofSeconds(15), () -> dialog.label("login-status").text().equals("Account added."));
        screenshot(dialog.target(), "dialog-add-account-light");
        String doraId = fixture.accountIdOf("dora@example.test");
        assertThat(stored(doraId).get("groupName").getAsString()).isEqualTo("night-shift");
        assertThat(stored(doraId).getAsJsonArray("tags").toString()).isEqualTo("[\"team-a\"]");
        await("usage shown without a refresh", () -> rows().stream().anyMatch(a -> a.id().equals(doraId)
                && a.primaryUsedPercent() != null && Math.round(a.primaryUsedPercent()) == 42));
        dialog.button("login-close").click();
    }

    /** The group field offers the groups the pool already has; the one picked goes with the login. */
    @Test
    void the_add_account_dialog_offers_the_pools_groups() {
        fixture.rpc().call("account/update", Map.of("accountId", ids.get(1), "groupName", "IMPORT"));
        onEdt(() -> fixture.desktop.app().context().pool().refresh());
        await("group known", () -> fixture.desktop.app().context().pool().current().groups().contains("IMPORT"));
        ui.window.button("accounts.add").click();
        DialogFixture dialog = ui.dialog("addAccountDialog");
        GroupField group = (GroupField) ui.named((Container) dialog.target(), "login.group");

        List<String> offered = onEdt(() -> {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < group.getItemCount(); i++) {
                items.add(group.getItemAt(i));
            }
            return items;
        });
        ui.select(dialog.comboBox("login.group"), "IMPORT");

        assertThat(offered).contains("IMPORT");
        assertThat(onEdt(() -> group.group())).isEqualTo("IMPORT");
        dialog.button("login-close").click();
    }

    /**
     * A headless machine has no browser for the login: "Sign in with a code" shows the device code large, copies
     * it, opens the page where it is entered, and adds the account once the code is entered on another device.
     */
    @Test
    void a_device_code_login_adds_an_account_without_a_browser() throws Exception {
        FakeAccount erin = fixture.fake.createAccount(AccountSpec.builder().email("erin@example.test").build());
        fixture.fake.signInAs(erin);
        ui.window.button("accounts.add").click();
        DialogFixture dialog = ui.dialog("addAccountDialog");
        dialog.textBox("login.tags").enterText("headless");
        int browsedBefore = platform.browsed().size();

        dialog.button("login.startDevice").click();

        await("code shown", () -> onEdt(() -> {
            JLabel shown = (JLabel) ui.named((Container) dialog.target(), "login-deviceCode");
            return shown.isShowing() && !shown.getText().isBlank();
        }));
        String code = dialog.label("login-deviceCode").text();
        assertThat(fixture.fake.pendingDeviceCodes()).contains(code);
        assertThat(dialog.label("login-deviceCode").target().getFont().getSize())
                .isGreaterThan(2 * dialog.label("login-status").target().getFont().getSize());
        assertThat(dialog.textBox("login-devicePage").text()).endsWith("/codex/device");
        assertThat(dialog.label("login-deviceExpiry").text()).startsWith("The code works until");
        assertThat(dialog.button("login.start").target().isEnabled()).isFalse();
        assertThat(platform.browsed()).as("nothing opens by itself").hasSize(browsedBefore);
        ui.clickUntil(dialog.button("login-copyCode"), () -> platform.copied().contains(code));
        ui.clickUntil(dialog.button("login-openDevicePage"), () -> platform.browsed().size() > browsedBefore);
        assertThat(platform.copied()).last().isEqualTo(code);
        assertThat(platform.browsed()).hasSize(browsedBefore + 1).last()
                .hasToString(dialog.textBox("login-devicePage").text());
        screenshot(dialog.target(), "dialog-add-account-device-code-light");

        assertThat(fixture.fake.approveDevice(code)).isTrue();

        await("added", Duration.ofSeconds(20), () -> dialog.label("login-status").text().equals("Account added."));
        assertThat(dialog.button("login-copyCode").target().isEnabled()).isFalse();
        screenshot(dialog.target(), "dialog-add-account-device-code-done-light");
        String erinId = fixture.accountIdOf("erin@example.test");
        assertThat(stored(erinId).getAsJsonArray("tags").toString()).isEqualTo("[\"headless\"]");
        dialog.button("login-close").click();
    }

    /** An import ends with its progress and the per-item errors named by file. */
    @Test
    void a_folder_import_shows_progress_and_per_item_errors(@TempDir Path folder) throws Exception {
        for (int i = 0; i < 24; i++) {
            Files.writeString(folder.resolve(String.format("user%02d.json", i)),
                    DesktopFixture.tokenFile("user" + i + "@example.com"));
        }
        Files.writeString(folder.resolve("broken.json"), "{\"nothing\":true}");
        ImportDialog importer = onEdt(() -> new ImportDialog(ui.context(), new AccountsApi(ui.context().rpc()),
                () -> { }));
        JDialog dialog = onEdt(() -> importer.open(ui.frame().getContentPane()));

        onEdt(() -> importer.importPaths(List.of(folder)));

        await("finished", Duration.ofSeconds(20), () -> ((JLabel) ui.named(dialog, "import-summary")).getText()
                .startsWith("Created 24, updated 0, failed 1"));
        JProgressBar progress = (JProgressBar) ui.named(dialog, "import.progress");
        assertThat(progress.getString()).isEqualTo("25 of 25 imported");
        assertThat(fixture.emails()).hasSize(27);
        JList<?> errors = (JList<?>) ui.named(dialog, "import-errors");
        assertThat(errors.getModel().getSize()).isEqualTo(1);
        assertThat(errors.getModel().getElementAt(0).toString()).startsWith("broken.json: ");
        screenshot(dialog, "dialog-import-light");
        onEdt(dialog::dispose);
    }

    /** Imported accounts showed no usage until the next poll (or a manual refresh); now it is fetched at once. */
    @Test
    void an_import_from_the_page_fetches_the_usage_of_the_new_accounts_at_once() {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            FakeAccount account = fixture.fake.createAccount(AccountSpec.builder().email("new" + i + "@example.org")
                    .build());
            account.setPrimaryUsedPercent(30 + i).setSecondaryUsedPercent(4);
            files.add(account.tokens().codexAuthJson(Instant.now()));
        }
        ui.window.button("accounts.import").click();
        DialogFixture importer = ui.dialog("importDialog");
        DesktopDriver.setText(ui.named((Container) importer.target(), "import-text"), String.join("\n", files));

        importer.button("import.importPasted").click();

        await("imported", Duration.ofSeconds(20), () -> importer.label("import-summary").text()
                .startsWith("Created 2"));
        await("usage shown without a refresh", Duration.ofSeconds(20), () -> rows().size() == 5
                && rows().stream().filter(a -> a.email().endsWith("@example.org"))
                        .allMatch(a -> a.primaryUsedPercent() != null));
        onEdt(() -> ((JDialog) importer.target()).dispose());
    }

    @Test
    void bulk_actions_disable_enable_group_and_delete_the_selected_rows() throws Exception {
        select(ids.get(0), ids.get(2));

        ui.window.button("accounts.disable").click();
        await("both disabled", () -> stored(ids.get(0)).get("status").getAsString().equals("disabled")
                && stored(ids.get(2)).get("status").getAsString().equals("disabled"));
        assertThat(stored(ids.get(1)).get("status").getAsString()).isNotEqualTo("disabled");
        await("rows follow", () -> rows().stream().filter(AccountRow::disabled).count() == 2);
        select(ids.get(0), ids.get(2));
        ui.window.button("accounts.enable").click();
        await("both enabled", () -> !stored(ids.get(0)).get("status").getAsString().equals("disabled")
                && !stored(ids.get(2)).get("status").getAsString().equals("disabled"));

        await("rows follow again", () -> rows().stream().noneMatch(AccountRow::disabled));
        select(ids.get(0), ids.get(2));
        ui.window.button("accounts.setGroup").click();
        JDialog ask = awaitMessageDialog();
        GroupField group = (GroupField) ui.named(ask, "accounts-groupField");
        onEdt(() -> group.setGroup("night"));
        screenshot(ask.getRootPane(), "dialog-set-group-light");
        clickOk(ask);
        await("both in the group", () -> "night".equals(text(stored(ids.get(0)), "groupName"))
                && "night".equals(text(stored(ids.get(2)), "groupName")));
        assertThat(text(stored(ids.get(1)), "groupName")).isNotEqualTo("night");

        fixture.rpc().call("account/import", Map.of("contents", List.of(DesktopFixture.tokenFile("x1@example.com"),
                DesktopFixture.tokenFile("x2@example.com"))));
        onEdt(() -> fixture.desktop.app().window().page(Page.ACCOUNTS).activated());
        await("five rows", () -> table().getRowCount() == 5);
        select(fixture.accountIdOf("x1@example.com"), fixture.accountIdOf("x2@example.com"));
        ui.window.button("accounts.delete").click();
        JDialog confirm = awaitMessageDialog();
        assertThat(onEdt(() -> String.valueOf(optionPane(confirm).getMessage()))).startsWith("Delete 2 accounts?");
        clickOk(confirm);
        await("deleted in one go", () -> fixture.order().equals(ids));
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    private JDialog awaitMessageDialog() {
        await("a question", () -> ui.messageDialog().isPresent());
        return ui.messageDialog().orElseThrow();
    }

    private JOptionPane optionPane(JDialog dialog) {
        return (JOptionPane) ui.robot.finder().findByType(dialog, JOptionPane.class, true);
    }

    private void clickOk(JDialog dialog) {
        onEdt(() -> optionPane(dialog).setValue(JOptionPane.OK_OPTION));
        await("closed", () -> !dialog.isShowing());
    }

    /** The account dialog edits the account's own proxy; its password never shows again. */
    @Test
    void the_edit_dialog_sets_and_clears_the_accounts_own_proxy_and_never_shows_its_password() {
        select(ids.get(0));
        ui.window.button("accounts.edit").click();
        JDialog dialog = awaitMessageDialog();
        javax.swing.JTextField proxy = (javax.swing.JTextField) ui.named(dialog, "edit-proxy");
        assertThat(onEdt(() -> proxy.getText())).isEmpty();
        onEdt(() -> proxy.setText("http://pool:p4ss-word@127.0.0.1:3128"));
        screenshot(dialog.getRootPane(), "dialog-edit-account-proxy-light");
        clickOk(dialog);
        await("stored", () -> "http://pool:***@127.0.0.1:3128".equals(listedProxy(ids.get(0))));
        await("row follows", () -> rows().stream().anyMatch(a -> a.id().equals(ids.get(0))
                && a.proxyUrl().equals("http://pool:***@127.0.0.1:3128")));

        select(ids.get(0));
        ui.window.button("accounts.edit").click();
        JDialog again = awaitMessageDialog();
        javax.swing.JTextField shown = (javax.swing.JTextField) ui.named(again, "edit-proxy");
        assertThat(onEdt(() -> shown.getText())).isEqualTo("http://pool:***@127.0.0.1:3128")
                .doesNotContain("p4ss-word");
        onEdt(() -> shown.setText(""));
        clickOk(again);

        await("cleared", () -> listedProxy(ids.get(0)) == null);
    }

    private String listedProxy(String accountId) {
        for (JsonElement item : fixture.rpc().call("account/list", Map.of()).getAsJsonArray("items")) {
            JsonObject account = item.getAsJsonObject();
            if (account.get("id").getAsString().equals(accountId)) {
                return account.has("proxyUrl") ? account.get("proxyUrl").getAsString() : null;
            }
        }
        return null;
    }

    @Test
    void move_up_reorders_the_pool() {
        select(ids.get(2));

        ui.window.button("accounts.moveUp").click();

        await("reordered", () -> fixture.order().equals(List.of(ids.get(0), ids.get(2), ids.get(1))));
    }

    @Test
    void the_pinned_account_and_the_one_that_served_the_last_request_are_marked() {
        fixture.rpc().call("gateway/manualAccount/set", Map.of("accountId", ids.get(2)));
        assertThat(fixture.send(fixture.gatewayKey(), "gpt-5.5", "who serves")).isEqualTo(200);

        onEdt(() -> fixture.desktop.app().context().pool().refresh());

        await("marks", () -> marks(ids.get(2)).containsAll(List.of("Pinned", "Last request")));
        assertThat(marks(ids.get(0))).isEmpty();
        screenshot(ui.frame().getRootPane(), "page-accounts-marks-light");
    }

    /** The visible mark texts in an account's name cell. */
    private List<String> marks(String accountId) {
        return onEdt(() -> {
            int row = shownIds().indexOf(accountId);
            int column = table().convertColumnIndexToView(AccountsTableModel.Column.ACCOUNT.ordinal());
            Component cell = table().prepareRenderer(table().getCellRenderer(row, column), row, column);
            List<String> out = new ArrayList<>();
            collectVisibleLabels((Container) cell, out);
            out.removeIf(t -> !t.equals("Pinned") && !t.equals("Last request"));
            return out;
        });
    }

    private static void collectVisibleLabels(Container container, List<String> out) {
        for (Component c : container.getComponents()) {
            if (c instanceof JLabel label && label.isVisible() && c.getParent().isVisible()) {
                out.add(label.getText());
            } else if (c instanceof Container nested && c.isVisible()) {
                collectVisibleLabels(nested, out);
            }
        }
    }

    /** Bug: the file choosers opened in the JVM's home, not the user's. */
    @Test
    void the_export_and_import_choosers_open_in_the_users_home() {
        ui.window.button("accounts.export").click();
        JFileChooser export = awaitChooser();
        assertThat(onEdt(() -> export.getCurrentDirectory().toPath())).isEqualTo(platform.userHome());
        onEdt(export::cancelSelection);

        ui.window.button("accounts.import").click();
        DialogFixture importer = ui.dialog("importDialog");
        importer.button("import.chooseFiles").click();
        JFileChooser choose = awaitChooser();
        assertThat(onEdt(() -> choose.getCurrentDirectory().toPath())).isEqualTo(platform.userHome());
        onEdt(choose::cancelSelection);
        onEdt(() -> ((JDialog) importer.target()).dispose());
    }

    private JFileChooser awaitChooser() {
        await("a file chooser", () -> Arrays.stream(Window.getWindows()).anyMatch(w -> w.isShowing()
                && w instanceof JDialog d && !ui.robot.finder().findAll(d, c -> c instanceof JFileChooser).isEmpty()));
        return onEdt(() -> Arrays.stream(Window.getWindows()).filter(w -> w.isShowing() && w instanceof JDialog)
                .flatMap(w -> ui.robot.finder().findAll((Container) w, c -> c instanceof JFileChooser).stream())
                .map(JFileChooser.class::cast).findFirst().orElseThrow());
    }
}
