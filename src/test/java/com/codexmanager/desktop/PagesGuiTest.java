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
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeUpstream;
import java.util.List;
import java.util.Map;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JProgressBar;
import javax.swing.JTable;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data pages against one real service per class, seeded through real RPC and real gateway requests (accounts
 * and usage from the fake upstream, platform keys, request logs): add an account through the manual callback,
 * import with progress, reorder, create and copy a key, filter logs, and screenshots of every page and dialog in
 * light and dark. Tests run in order: the screenshots first, the tests that add data last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesGuiTest {
    private static final int OK_REQUESTS = 9;

    @TempDir
    static Path dataDir;

    private final GuiTestSupport.RecordingPlatform platform = new GuiTestSupport.RecordingPlatform();
    private DesktopFixture fixture;
    private FakeUpstream upstream;
    private RunningDesktop desktop;
    private List<String> ids;
    private Robot robot;
    private FrameFixture window;

    @BeforeAll
    void start() {
        GuiTestSupport.assumeDisplay();
        fixture = DesktopFixture.start(dataDir, false, platform);
        upstream = fixture.fake;
        desktop = fixture.desktop;
        fixture.seedPool().seedKeys().seedLogs(OK_REQUESTS);
        ids = fixture.ids;
        robot = BasicRobot.robotWithCurrentAwtHierarchy();
        robot.settings().delayBetweenEvents(15);
        robot.settings().eventPostingDelay(30);
        GuiTestSupport.boundPopupWaits(robot);
        window = new FrameFixture(robot, frame());
        onEdt(() -> desktop.app().context().pool().refresh());
        await("pool loaded", () -> desktop.app().context().pool().current().accounts().size() == 3);
    }

    @AfterAll
    void stop() throws Exception {
        if (robot != null) {
            robot.cleanUpWithoutDisposingWindows();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    /** A failed test must not leave a dialog over the window for the next one. */
    @AfterEach
    void closeDialogs() {
        onEdt(() -> java.util.Arrays.stream(Window.getWindows()).filter(w -> w instanceof JDialog && w.isShowing())
                .forEach(Window::dispose));
    }

    /**
     * Picks a combo item with the real mouse; on a loaded machine a click can miss, so retry. After three misses
     * (seen only under full-suite load, right after the dialog re-packed) the item is chosen on the EDT, which
     * fires the same listeners: the test is about what the choice does, not about the popup.
     */
    private void select(org.assertj.swing.fixture.JComboBoxFixture combo, String item) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (attempt < 3) {
                combo.selectItem(item);
            } else {
                GuiTestSupport.chooseOnEdt(combo.target(), item);
            }
            try {
                await(combo.target().getName() + " = " + item, Duration.ofSeconds(3),
                        () -> String.valueOf(combo.target().getSelectedItem()).equals(item));
                return;
            } catch (AssertionError missed) {
                // a missed click can leave the popup open over the next attempt's target
                onEdt(() -> combo.target().hidePopup());
                robot.waitForIdle();
            }
        }
        throw new AssertionError("could not select " + item + " in " + combo.target().getName());
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
    @Order(1)
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
    @Order(6)
    void an_account_is_added_through_the_manual_callback() throws Exception {
        upstream.signInAs(upstream.createAccount(AccountSpec.builder().email("new@example.test").build()));
        open(Page.ACCOUNTS);
        window.button("accounts.add").click();
        DialogFixture dialog = window.dialog("addAccountDialog");

        dialog.textBox("login.tags").enterText("team-a");
        dialog.button("login.start").click();
        await("url shown", () -> !dialog.textBox("login.url").target().getText().isEmpty());
        assertThat(platform.browsed()).hasSize(1);
        String authUrl = dialog.textBox("login.url").text();
        clickUntilCopied(() -> dialog.button("login-copyUrl").click(), authUrl);
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
        assertThat(fixture.emails()).contains("new@example.test");
        dialog.button("login-close").click();
    }

    @Test
    @Order(7)
    void a_folder_import_shows_progress_and_per_item_errors(@TempDir Path folder) throws Exception {
        for (int i = 0; i < 24; i++) {
            Files.writeString(folder.resolve(String.format("user%02d.json", i)),
                    DesktopFixture.tokenFile("user" + i + "@example.com"));
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
        assertThat(fixture.emails()).hasSize(28);
        JList<?> errors = (JList<?>) named(dialog, "import-errors");
        assertThat(errors.getModel().getSize()).isEqualTo(1);
        assertThat(errors.getModel().getElementAt(0).toString()).startsWith("broken.json: ");
        screenshot(dialog, "dialog-import-light");
        onEdt(dialog::dispose);
    }

    @Test
    @Order(5)
    void move_up_reorders_the_pool() {
        open(Page.ACCOUNTS);
        await("rows", () -> table("accounts-table").getRowCount() == 3);
        onEdt(() -> table("accounts-table").setRowSelectionInterval(2, 2));

        window.button("accounts.moveUp").click();

        await("reordered", () -> fixture.order().equals(List.of(ids.get(0), ids.get(2), ids.get(1))));
    }

    @Test
    @Order(4)
    void a_key_is_created_shown_once_and_copied_with_snippets() {
        open(Page.KEYS);
        window.button("keys.create").click();
        DialogFixture create = window.dialog("createKeyDialog");
        create.button("key.submit").click();
        assertThat(create.label("key.error").text()).isEqualTo("Give the key a name.");
        create.textBox("key.name").enterText("My laptop");
        select(create.comboBox("key.protocol"), "Azure OpenAI");
        create.textBox("key.azureEndpoint").requireVisible();
        select(create.comboBox("key.protocol"), "OpenAI compatible");
        screenshot(create.target(), "dialog-create-key-light");

        create.button("key.submit").click();

        DialogFixture created = window.dialog("keyCreatedDialog");
        String key = created.textBox("created.key").text();
        assertThat(key).startsWith("cmk_");
        clickUntilCopied(() -> created.button("created.copy").click(), key);
        String base = desktop.service().endpoint().baseUrl();
        assertThat(created.textBox("snippet.codex").text()).contains("base_url = \"" + base + "/v1\"").contains(key);
        screenshot(created.target(), "dialog-key-created-light");
        created.button("created.done").click();
        await("list refreshed", () -> table("keys-table").getRowCount() == 4);
    }

    @Test
    @Order(3)
    void logs_filter_by_status_chip_and_field_search() {
        int all = OK_REQUESTS + 3;
        open(Page.LOGS);
        await("rows", () -> table("logs-table").getRowCount() == all);

        window.toggleButton("logs.chip.5xx").click();
        await("5xx only", () -> table("logs-table").getRowCount() == 2);
        assertThat(column(1)).allMatch(status -> status.startsWith("5"));
        assertThat(column(5)).as("the key prefix stands in for the missing account").anyMatch(
                account -> account.startsWith("cmk_"));
        window.toggleButton("logs.chip.2xx").click();
        await("2xx only", () -> table("logs-table").getRowCount() == OK_REQUESTS);
        assertThat(column(5)).allMatch(account -> account.endsWith("@example.com"));
        window.textBox("logs-search").enterText("model:" + DesktopFixture.MINI_MODEL);
        await("filtered", () -> table("logs-table").getRowCount() == OK_REQUESTS / 3);
        window.toggleButton("logs.chip.4xx").click();
        await("no 4xx mini rows", () -> table("logs-table").getRowCount() == 0);
        window.textBox("logs-search").deleteText();
        await("the refused request", () -> table("logs-table").getRowCount() == 1);
        assertThat(column(1)).containsExactly("401");
        window.toggleButton("logs.chip.all").click();
        await("all back", () -> table("logs-table").getRowCount() == all);
        assertThat(fixture.logCount(Map.of("statusFilter", "2xx"))).isEqualTo(OK_REQUESTS);
        java.awt.Dimension before = onEdt(() -> frame().getSize());
        onEdt(() -> frame().setSize(620, 700));
        await("narrow hides columns", () -> table("logs-table").getColumnCount() < 9);
        onEdt(() -> frame().setSize(before));
    }

    /** The logs table's model values of one column ({@link com.codexmanager.desktop.model.LogsTableModel}). */
    private List<String> column(int index) {
        return onEdt(() -> {
            javax.swing.table.TableModel m = table("logs-table").getModel();
            List<String> out = new java.util.ArrayList<>();
            for (int r = 0; r < m.getRowCount(); r++) {
                out.add(String.valueOf(m.getValueAt(r, index)));
            }
            return out;
        });
    }

    @Test
    @Order(2)
    void the_accounts_page_in_chinese() {
        theme(UiTheme.LIGHT);
        window.toggleButton("nav.settings").click();
        await("settings", () -> !robot.finder().findAll(frame(), c -> "setting.uiLanguage".equals(c.getName())
                && c.isShowing()).isEmpty());
        select(window.comboBox("setting.uiLanguage"), "简体中文");
        await("chinese", () -> window.toggleButton("nav.accounts").target().getText().equals("账号管理"));

        window.toggleButton("nav.accounts").click();
        await("rows", () -> table("accounts-table").getRowCount() == 3);
        screenshot(frame().getRootPane(), "page-accounts-light-zh");
        window.toggleButton("nav.dashboard").click();
        await("dash", () -> !((JLabel) named(frame(), "dash-requests")).getText().equals("–"));
        screenshot(frame().getRootPane(), "page-dashboard-light-zh");
        assertThat(Window.getWindows()).isNotEmpty();

        window.toggleButton("nav.settings").click();
        select(window.comboBox("setting.uiLanguage"), "English");
        await("english again", () -> window.toggleButton("nav.accounts").target().getText().equals("Accounts"));
    }

    @Test
    @Order(8)
    void start_at_login_writes_and_removes_the_autostart_file(@TempDir Path config) throws Exception {
        Path file = config.resolve("autostart").resolve("codexmanager.desktop");
        platform.useAutostart(GuiTestSupport.RecordingPlatform.linuxAutostart(config.resolve("autostart")));
        open(Page.SETTINGS);
        await("switch shown", () -> !robot.finder().findAll(frame(), c -> "setting.uiStartAtLogin".equals(
                c.getName()) && c.isShowing()).isEmpty());
        JCheckBox box = (JCheckBox) named(frame(), "setting.uiStartAtLogin");
        onEdt(() -> box.scrollRectToVisible(new java.awt.Rectangle(box.getSize())));
        assertThat(box.isSelected()).isFalse();

        window.checkBox("setting.uiStartAtLogin").click();
        await("autostart file written", () -> Files.isRegularFile(file));
        assertThat(Files.readString(file)).contains("Exec=/opt/codexmanager/bin/CodexManager");
        assertThat(fixture.settingValue("uiStartAtLogin")).isEqualTo("true");

        window.checkBox("setting.uiStartAtLogin").click();
        await("autostart file removed", () -> !Files.exists(file));
        assertThat(fixture.settingValue("uiStartAtLogin")).isEqualTo("false");
    }

    @Test
    @Order(9)
    void a_start_at_login_failure_shows_under_the_switch(@TempDir Path config) throws Exception {
        Path notADir = Files.writeString(config.resolve("autostart"), "a file where a folder belongs");
        platform.useAutostart(GuiTestSupport.RecordingPlatform.linuxAutostart(notADir));
        open(Page.SETTINGS);
        JCheckBox box = (JCheckBox) named(frame(), "setting.uiStartAtLogin");
        onEdt(() -> box.scrollRectToVisible(new java.awt.Rectangle(box.getSize())));
        window.checkBox("setting.uiStartAtLogin").click();
        JLabel error = (JLabel) named(frame(), "settingError.uiStartAtLogin");
        await("error shown", () -> onEdt(error::isShowing));
        assertThat(onEdt(error::getText)).contains("Could not create the login item");
        window.checkBox("setting.uiStartAtLogin").click();
        await("off again", () -> "false".equals(fixture.settingValue("uiStartAtLogin")));
    }

    @Test
    @Order(10)
    void a_log_row_detail_shows_the_trace_events_of_its_request() {
        theme(UiTheme.LIGHT);
        open(Page.LOGS);
        window.toggleButton("logs.chip.2xx").click();
        await("2xx rows", () -> table("logs-table").getRowCount() == OK_REQUESTS);
        window.table("logs-table").cell(org.assertj.swing.data.TableCell.row(0).column(2)).doubleClick();

        DialogFixture detail = window.dialog("logDetailDialog");
        JTable events = (JTable) named(detail.target(), "logs-detail-events");
        await("trace events", () -> onEdt(() -> events.getRowCount() > 0
                && "REQUEST_FINAL".equals(events.getValueAt(events.getRowCount() - 1, 1))));
        assertThat(onEdt(() -> events.getValueAt(0, 1))).isEqualTo("REQUEST_START");
        assertThat(onEdt(() -> String.valueOf(events.getValueAt(0, 2)))).contains("path=/v1/responses");
        assertThat(detail.label("logs-detail-status").text()).contains("trace events");
        screenshot(((JDialog) detail.target()).getRootPane(), "dialog-log-detail-light");
        detail.button("logs-detail-close").click();
        window.toggleButton("logs.chip.all").click();
    }

    /** Clicks a copy button until the text reaches the clipboard; a click can miss on a loaded machine. */
    private void clickUntilCopied(Runnable click, String expected) {
        for (int attempt = 0; attempt < 3 && !expected.equals(lastCopied()); attempt++) {
            click.run();
            try {
                await("copied", Duration.ofSeconds(5), () -> expected.equals(lastCopied()));
            } catch (AssertionError missed) {
                // press the button again
            }
        }
        assertThat(lastCopied()).isEqualTo(expected);
    }

    private String lastCopied() {
        var copied = platform.copied();
        return copied.isEmpty() ? null : copied.get(copied.size() - 1);
    }
}
