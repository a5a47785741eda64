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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
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
    private final FakeUsageMethods usage = new FakeUsageMethods();
    private final FakeKeyAndLogMethods keysAndLogs = new FakeKeyAndLogMethods();
    private FakeUpstream upstream;
    private RunningDesktop desktop;
    private RealAccounts accounts;
    private List<String> ids;
    private Robot robot;
    private FrameFixture window;

    @BeforeEach
    void start() {
        GuiTestSupport.assumeDisplay();
        upstream = FakeUpstream.start(FakeUpstreamOptions.builder().allowAnyRedirectPort().build());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = GuiTestSupport.env(dataDir, Map.of("CODEXMANAGER_ISSUER", upstream.issuer(),
                "CODEXMANAGER_LOGIN_ADDR", "localhost:0"));
        desktop = DesktopLauncher.start(GuiTestSupport.options(env, false, platform),
                new PrintStream(err, true, StandardCharsets.UTF_8)).desktop().orElseThrow();
        accounts = new RealAccounts(desktop.service().endpoint());
        ids = accounts.importAll("alice@example.com", "bob@example.com", "carol@example.com");
        usage.set(ids.get(0), 35, 20).set(ids.get(1), 100, 60).set(ids.get(2), 10, 5);
        var registry = ((EmbeddedService) desktop.service()).service().rpcRegistry();
        usage.registerOn(registry);
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
        if (upstream != null) {
            upstream.close();
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
    void an_account_is_added_through_the_manual_callback() throws Exception {
        upstream.signInAs(upstream.createAccount(AccountSpec.builder().email("new@example.test").build()));
        open(Page.ACCOUNTS);
        window.button("accounts.add").click();
        DialogFixture dialog = window.dialog("addAccountDialog");

        dialog.textBox("login.tags").enterText("team-a");
        dialog.button("login.start").click();
        await("url shown", () -> !dialog.textBox("login.url").target().getText().isEmpty());
        assertThat(platform.browsed()).hasSize(1);
        dialog.button("login-copyUrl").click();
        String authUrl = dialog.textBox("login.url").text();
        assertThat(platform.copied()).containsExactly(authUrl);
        // play the browser: the fake issuer signs the user in and redirects to the callback address, which we
        // paste instead of letting the local callback server receive it
        String callback = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(authUrl)).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
        dialog.textBox("login.callback").enterText("http://localhost/auth/callback?code=abc");
        dialog.button("login.complete").click();
        await("refused", () -> dialog.label("login-status").text().contains("no code and state"));
        dialog.textBox("login.callback").deleteText().enterText(callback);
        dialog.button("login.complete").click();

        await("added", Duration.ofSeconds(15), () -> dialog.label("login-status").text().equals("Account added."));
        screenshot(dialog.target(), "dialog-add-account-light");
        await("table shows it", () -> table("accounts-table").getRowCount() == 4);
        assertThat(accounts.emails()).contains("new@example.test");
        dialog.button("login-close").click();
    }

    @Test
    void a_folder_import_shows_progress_and_per_item_errors(@TempDir Path folder) throws Exception {
        for (int i = 0; i < 24; i++) {
            Files.writeString(folder.resolve(String.format("user%02d.json", i)),
                    RealAccounts.tokenFile("user" + i + "@example.com"));
        }
        Files.writeString(folder.resolve("broken.json"), "{\"nothing\":true}");
        open(Page.ACCOUNTS);
        ImportDialog importer = onEdt(() -> new ImportDialog(desktop.app().context(),
                new AccountsApi(desktop.app().context().rpc()), () -> { }));
        JDialog dialog = onEdt(() -> importer.open(frame().getContentPane()));

        onEdt(() -> importer.importPaths(List.of(folder)));

        await("finished", Duration.ofSeconds(15), () -> ((JLabel) named(dialog, "import-summary")).getText()
                .startsWith("Created 24, updated 0, failed 1"));
        JProgressBar progress = (JProgressBar) named(dialog, "import.progress");
        assertThat(progress.getString()).isEqualTo("25 of 25 imported");
        assertThat(accounts.emails()).hasSize(27);
        JList<?> errors = (JList<?>) named(dialog, "import-errors");
        assertThat(errors.getModel().getSize()).isEqualTo(1);
        assertThat(errors.getModel().getElementAt(0).toString()).startsWith("broken.json: ");
        screenshot(dialog, "dialog-import-light");
        onEdt(dialog::dispose);
    }

    @Test
    void move_up_reorders_the_pool() {
        open(Page.ACCOUNTS);
        await("rows", () -> table("accounts-table").getRowCount() == 3);
        onEdt(() -> table("accounts-table").setRowSelectionInterval(2, 2));

        window.button("accounts.moveUp").click();

        await("reordered", () -> accounts.order().equals(List.of(ids.get(0), ids.get(2), ids.get(1))));
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
