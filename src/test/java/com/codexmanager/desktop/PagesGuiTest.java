package com.codexmanager.desktop;

import static com.codexmanager.desktop.GuiTestSupport.await;
import static com.codexmanager.desktop.GuiTestSupport.onEdt;
import static com.codexmanager.desktop.GuiTestSupport.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.desktop.dialog.ImportDialog;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.theme.Accent;
import com.codexmanager.desktop.theme.UiTheme;
import java.awt.Component;
import java.awt.Window;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JProgressBar;
import javax.swing.JTable;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data pages against the real service, with the account, key and log methods supplied by hand-written fakes
 * until their modules land: add an account through the manual callback, import with progress, reorder, create and
 * copy a key, filter logs, and screenshots of every page and dialog in light and dark.
 */
class PagesGuiTest {
    @TempDir
    Path dataDir;

    private final GuiTestSupport.RecordingPlatform platform = new GuiTestSupport.RecordingPlatform();
    private final FakeAccountMethods accounts = new FakeAccountMethods()
            .add("acc-1", "alice@example.com", 35, 20)
            .add("acc-2", "bob@example.com", 100, 60)
            .add("acc-3", "carol@example.com", 10, 5);
    private final FakeKeyAndLogMethods keysAndLogs = new FakeKeyAndLogMethods();
    private RunningDesktop desktop;
    private Robot robot;
    private FrameFixture window;

    @BeforeEach
    void start() {
        GuiTestSupport.assumeDisplay();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        desktop = DesktopLauncher.start(GuiTestSupport.options(GuiTestSupport.env(dataDir, Map.of()), false,
                platform), new PrintStream(err, true, StandardCharsets.UTF_8)).desktop().orElseThrow();
        var registry = ((EmbeddedService) desktop.service()).service().rpcRegistry();
        accounts.registerOn(registry);
        keysAndLogs.registerOn(registry);
        onEdt(() -> desktop.app().context().monitor().checkNow());
        robot = BasicRobot.robotWithCurrentAwtHierarchy();
        robot.settings().delayBetweenEvents(15);
        robot.settings().eventPostingDelay(30);
        window = new FrameFixture(robot, frame());
        await("pool loaded", () -> desktop.app().context().pool().current().accounts().size() == 3);
    }

    @AfterEach
    void stop() throws Exception {
        if (robot != null) {
            robot.cleanUpWithoutDisposingWindows();
        }
        if (desktop != null) {
            desktop.quit(20, TimeUnit.SECONDS);
        }
    }

    private JFrame frame() {
        return desktop.app().window().frame();
    }

    private Component named(Component root, String name) {
        return robot.finder().findByName((java.awt.Container) root, name, false);
    }

    private void open(Page page) {
        window.toggleButton("nav." + page.id()).click();
        await(page + " shown", () -> desktop.app().window().currentPage() == page);
    }

    private JTable table(String name) {
        return (JTable) named(frame(), name);
    }

    private void theme(UiTheme theme) {
        onEdt(() -> desktop.app().context().laf().apply(theme, Accent.BLUE, false));
    }

    @Test
    void every_data_page_is_screenshotted_in_light_and_dark() {
        for (UiTheme theme : List.of(UiTheme.LIGHT, UiTheme.DARK)) {
            theme(theme);
            open(Page.DASHBOARD);
            await("chart data", () -> !((JLabel) named(frame(), "dash-requests")).getText().equals("–"));
            screenshot(frame().getRootPane(), "page-dashboard-" + theme.value());
            open(Page.ACCOUNTS);
            await("accounts rows", () -> table("accounts-table").getRowCount() == 3);
            screenshot(frame().getRootPane(), "page-accounts-" + theme.value());
            open(Page.KEYS);
            await("keys rows", () -> table("keys-table").getRowCount() == 3);
            screenshot(frame().getRootPane(), "page-keys-" + theme.value());
            open(Page.LOGS);
            await("log rows", () -> table("logs-table").getRowCount() > 0);
            screenshot(frame().getRootPane(), "page-logs-" + theme.value());
        }
    }

    @Test
    void an_account_is_added_through_the_manual_callback() {
        open(Page.ACCOUNTS);
        window.button("accounts.add").click();
        DialogFixture dialog = window.dialog("addAccountDialog");

        dialog.textBox("login.tags").enterText("team-a");
        dialog.button("login.start").click();
        await("url shown", () -> !dialog.textBox("login.url").target().getText().isEmpty());
        assertThat(platform.browsed()).hasSize(1);
        dialog.button("login-copyUrl").click();
        assertThat(platform.copied()).containsExactly(dialog.textBox("login.url").text());
        dialog.textBox("login.callback").enterText("http://localhost:1455/auth/callback?code=abc&state=wrong");
        dialog.button("login.complete").click();
        await("refused", () -> dialog.label("login-status").text().contains("state"));
        dialog.textBox("login.callback").deleteText()
                .enterText("http://localhost:1455/auth/callback?code=abc&state=st-42");
        dialog.button("login.complete").click();

        await("added", () -> dialog.label("login-status").text().equals("Account added."));
        screenshot(dialog.target(), "dialog-add-account-light");
        await("table shows it", () -> table("accounts-table").getRowCount() == 4);
        assertThat(accounts.emails()).contains("new@example.com");
        dialog.button("login-close").click();
    }

    @Test
    void a_folder_import_shows_progress_and_per_item_errors(@TempDir Path folder) throws Exception {
        for (int i = 0; i < 24; i++) {
            Files.writeString(folder.resolve(String.format("user%02d.json", i)),
                    "{\"email\":\"user" + i + "@example.com\",\"tokens\":{}}");
        }
        Files.writeString(folder.resolve("broken.json"), "{\"nothing\":true}");
        open(Page.ACCOUNTS);
        ImportDialog importer = onEdt(() -> new ImportDialog(desktop.app().context(),
                new AccountsApi(desktop.app().context().rpc()), () -> { }));
        JDialog dialog = onEdt(() -> importer.open(frame().getContentPane()));

        onEdt(() -> importer.importPaths(List.of(folder)));

        await("finished", Duration.ofSeconds(15), () -> ((JLabel) named(dialog, "import-summary")).getText()
                .equals("Created 24, updated 0, failed 1."));
        JProgressBar progress = (JProgressBar) named(dialog, "import.progress");
        assertThat(progress.getString()).isEqualTo("25 of 25 imported");
        assertThat(accounts.importBatches()).isEqualTo(2);
        JList<?> errors = (JList<?>) named(dialog, "import-errors");
        assertThat(errors.getModel().getSize()).isEqualTo(1);
        assertThat(errors.getModel().getElementAt(0).toString()).isEqualTo("broken.json: no tokens found");
        screenshot(dialog, "dialog-import-light");
        onEdt(dialog::dispose);
    }

    @Test
    void move_up_reorders_the_pool() {
        open(Page.ACCOUNTS);
        await("rows", () -> table("accounts-table").getRowCount() == 3);
        onEdt(() -> table("accounts-table").setRowSelectionInterval(2, 2));

        window.button("accounts.moveUp").click();

        await("reordered", () -> accounts.order().equals(List.of("acc-1", "acc-3", "acc-2")));
    }

    @Test
    void a_key_is_created_shown_once_and_copied_with_snippets() {
        open(Page.KEYS);
        window.button("keys.create").click();
        DialogFixture create = window.dialog("createKeyDialog");
        create.button("key.submit").click();
        assertThat(create.label("key.error").text()).isEqualTo("Give the key a name.");
        create.textBox("key.name").enterText("My laptop");
        create.comboBox("key.protocol").selectItem("Azure OpenAI");
        create.textBox("key.azureEndpoint").requireVisible();
        create.comboBox("key.protocol").selectItem("OpenAI compatible");
        screenshot(create.target(), "dialog-create-key-light");

        create.button("key.submit").click();

        DialogFixture created = window.dialog("keyCreatedDialog");
        String key = created.textBox("created.key").text();
        assertThat(key).startsWith("cm_k4ab_");
        created.button("created.copy").click();
        assertThat(platform.copied()).containsExactly(key);
        String base = desktop.service().endpoint().baseUrl();
        assertThat(created.textBox("snippet.codex").text()).contains("base_url = \"" + base + "/v1\"").contains(key);
        screenshot(created.target(), "dialog-key-created-light");
        created.button("created.done").click();
        await("list refreshed", () -> table("keys-table").getRowCount() == 4);
    }

    @Test
    void logs_filter_by_status_chip_and_field_search() {
        open(Page.LOGS);
        await("rows", () -> table("logs-table").getRowCount() == 40);

        window.toggleButton("logs.chip.5xx").click();
        await("5xx only", () -> table("logs-table").getRowCount() == 5);
        window.textBox("logs-search").enterText("model:gpt-5-mini");

        await("filtered", () -> keysAndLogs.listQueries().contains("5xx|model:gpt-5-mini"));
        await("rows", () -> table("logs-table").getRowCount() == 0);
        window.textBox("logs-search").deleteText();
        window.toggleButton("logs.chip.all").click();
        await("all back", () -> table("logs-table").getRowCount() == 40);
        onEdt(() -> frame().setSize(620, 700));
        await("narrow hides columns", () -> table("logs-table").getColumnCount() < 9);
    }

    @Test
    void the_accounts_page_in_chinese() {
        window.toggleButton("nav.settings").click();
        await("settings", () -> !robot.finder().findAll(frame(), c -> "setting.uiLanguage".equals(c.getName())
                && c.isShowing()).isEmpty());
        window.comboBox("setting.uiLanguage").selectItem("简体中文");
        await("chinese", () -> window.toggleButton("nav.accounts").target().getText().equals("账号管理"));

        window.toggleButton("nav.accounts").click();
        await("rows", () -> table("accounts-table").getRowCount() == 3);
        screenshot(frame().getRootPane(), "page-accounts-light-zh");
        window.toggleButton("nav.dashboard").click();
        await("dash", () -> !((JLabel) named(frame(), "dash-requests")).getText().equals("–"));
        screenshot(frame().getRootPane(), "page-dashboard-light-zh");
        assertThat(Window.getWindows()).isNotEmpty();
    }
}
