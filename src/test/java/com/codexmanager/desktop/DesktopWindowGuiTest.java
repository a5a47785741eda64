package com.codexmanager.desktop;

import static com.codexmanager.desktop.GuiTestSupport.await;
import static com.codexmanager.desktop.GuiTestSupport.onEdt;
import static com.codexmanager.desktop.GuiTestSupport.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.ui.WrappingLabel;
import com.codexmanager.testkit.RpcTestClient;
import com.formdev.flatlaf.FlatLaf;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.swing.JFrame;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real desktop (embedded service, main window without a tray) driven through its widgets under Xvfb: pages,
 * theme and language switching, settings with validation, and screenshots of every page in light and dark.
 */
class DesktopWindowGuiTest {
    @TempDir
    Path dataDir;

    private final GuiTestSupport.RecordingPlatform platform = new GuiTestSupport.RecordingPlatform();
    private RunningDesktop desktop;
    private Robot robot;
    private FrameFixture window;

    @BeforeEach
    void start() {
        GuiTestSupport.assumeDisplay();
        desktop = launch(Map.of("CODEXMANAGER_UI_ACCENT", "blue"));
        robot = BasicRobot.robotWithCurrentAwtHierarchy();
        robot.settings().delayBetweenEvents(15);
        robot.settings().eventPostingDelay(30);
        GuiTestSupport.boundPopupWaits(robot);
        window = new FrameFixture(robot, frame());
        await("connected", () -> desktop.app().context().monitor().current().connected());
    }

    private RunningDesktop launch(Map<String, String> extra) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DesktopLauncher.Started started = DesktopLauncher.start(
                GuiTestSupport.options(GuiTestSupport.env(dataDir, extra), false, platform),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(started.desktop()).as(err.toString(StandardCharsets.UTF_8)).isPresent();
        return started.desktop().get();
    }

    private JFrame frame() {
        return desktop.app().window().frame();
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

    private RpcTestClient rpc() {
        var endpoint = desktop.service().endpoint();
        return RpcTestClient.of(endpoint.baseUrl(), endpoint.token());
    }

    @Test
    void without_a_tray_the_main_window_opens_on_the_dashboard_and_shows_the_running_service() {
        assertThat(desktop.app().tray()).isNull();
        window.requireVisible();
        assertThat(onEdt(() -> desktop.app().window().currentPage())).isEqualTo(Page.DASHBOARD);
        await("sidebar shows running", () -> window.label("sidebarStatus").target().getText()
                .equals("Service running"));
        assertThat(window.label("sidebarAddress").text()).contains("127.0.0.1:");
        assertThat(named("connectionBanner").isShowing()).isFalse();
    }

    @Test
    void every_page_opens_in_light_and_dark_and_is_screenshotted() {
        for (String theme : new String[] {"light", "dark"}) {
            boolean dark = theme.equals("dark");
            selectSettingUntil("setting.uiTheme", dark ? "Dark" : "Light", "theme " + theme,
                    () -> FlatLaf.isLafDark() == dark);
            for (Page page : Page.values()) {
                window.toggleButton("nav." + page.id()).click();
                await(page + " shown", () -> desktop.app().window().currentPage() == page
                        && frame().isShowing());
                robot.waitForIdle();
                screenshot(frame().getRootPane(), "main-" + page.id() + "-" + theme);
            }
        }
    }

    @Test
    void switching_the_language_rebuilds_the_window_in_chinese_and_back() {
        selectSettingUntil("setting.uiLanguage", "简体中文", "chinese sidebar",
                () -> window.toggleButton("nav.dashboard").target().getText().equals("仪表盘"));
        assertThat(window.toggleButton("nav.settings").target().getText()).isEqualTo("设置");
        await("settings reloaded", () -> frame().getRootPane().isShowing()
                && !robot.finder().findAll(frame(), c -> "setting.uiLanguage".equals(c.getName())).isEmpty());
        screenshot(frame().getRootPane(), "main-settings-light-zh");
        window.toggleButton("nav.dashboard").click();
        screenshot(frame().getRootPane(), "main-dashboard-light-zh");

        selectSettingUntil("setting.uiLanguage", "English", "english sidebar",
                () -> window.toggleButton("nav.dashboard").target().getText().equals("Dashboard"));
    }

    @Test
    void a_refused_value_shows_the_services_message_inline_and_a_valid_one_is_saved() {
        openSettings();
        var field = window.textBox("setting.usagePollIntervalSecs");

        field.deleteText().enterText("5").pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ENTER);
        await("inline error", () -> named("settingError.usagePollIntervalSecs").isShowing());
        assertThat(((WrappingLabel) named("settingError.usagePollIntervalSecs")).message())
                .startsWith("Invalid value:")
                .contains("30");
        field.deleteText().enterText("120").pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ENTER);

        await("error cleared", () -> !named("settingError.usagePollIntervalSecs").isShowing());
        JsonObject values = rpc().call("appSettings/get").getAsJsonObject("values");
        assertThat(values.get("usagePollIntervalSecs").getAsLong()).isEqualTo(120);
        await("reset offered", () -> named("reset.usagePollIntervalSecs").isShowing());
    }

    @Test
    void the_upstream_proxy_is_set_on_the_settings_page_and_its_password_is_never_shown() {
        openSettings();
        var field = window.textBox("setting.upstreamProxyUrl");
        onEdt(() -> field.target().scrollRectToVisible(new java.awt.Rectangle(0, 0, field.target().getWidth(),
                field.target().getHeight() + 120)));
        robot.waitForIdle();

        field.deleteText().enterText("ftp://proxy.example:21").pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ENTER);
        await("inline error", () -> named("settingError.upstreamProxyUrl").isShowing());
        assertThat(((WrappingLabel) named("settingError.upstreamProxyUrl")).message()).startsWith("Invalid value:");

        field.deleteText().enterText("http://me:s3cret-pw@127.0.0.1:3128")
                .pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ENTER);

        await("error cleared", () -> !named("settingError.upstreamProxyUrl").isShowing());
        JsonObject values = rpc().call("appSettings/get").getAsJsonObject("values");
        assertThat(values.get("upstreamProxyUrl").getAsString()).isEqualTo("http://me:***@127.0.0.1:3128");
        await("masked in the field", () -> field.target().getText().equals("http://me:***@127.0.0.1:3128"));
        screenshot(frame().getRootPane(), "main-settings-upstream-proxy-light");
    }

    @Test
    void settings_show_basic_ones_first_advanced_on_demand_jump_to_sections_and_search_both() {
        openSettings();
        assertThat(showing("setting.gatewayMaxInflight")).as("an engine internal under Basic").isFalse();

        window.toggleButton("settings.level.advanced").click();

        await("advanced settings", () -> showing("setting.gatewayMaxInflight") && !showing("setting.uiTheme"));
        screenshot(frame().getRootPane(), "main-settings-advanced-light");
        window.button("settingsLink.login").click();
        javax.swing.JScrollPane scroll = (javax.swing.JScrollPane) named("settingsScroll");
        java.awt.Component login = named("settingsGroup.login");
        await("scrolled to the login section", () -> scroll.getViewport().getViewRect().contains(
                new java.awt.Rectangle(login.getX(), login.getY(), login.getWidth(), 1)));
        window.textBox("settings-search").enterText("maxinflight");
        await("matches of both levels", () -> showing("setting.gatewayMaxInflight")
                && showing("setting.accountMaxInflight") && !showing("setting.uiTheme"));
        window.textBox("settings-search").deleteText().enterText("zzz-nothing");
        await("no match", () -> showing("settings-noMatch"));
        window.textBox("settings-search").deleteText();
        await("advanced again", () -> showing("setting.gatewayMaxInflight"));
    }

    /** Bug: about 20 settings showed generated English labels in the Chinese settings page. */
    @Test
    void the_chinese_settings_page_has_no_english_label_on_either_level() {
        selectSettingUntil("setting.uiLanguage", "简体中文", "chinese sidebar",
                () -> window.toggleButton("nav.dashboard").target().getText().equals("仪表盘"));
        await("settings reloaded", () -> showing("setting.uiLanguage"));
        java.util.List<String> english = new java.util.ArrayList<>();
        for (String level : new String[] {"settings.level.basic", "settings.level.advanced"}) {
            window.toggleButton(level).click();
            await(level, () -> showing(level.endsWith("basic") ? "setting.uiTheme" : "setting.gatewayMaxInflight"));
            onEdt(() -> robot.finder().findAll(frame(), c -> c.isShowing() && c.getName() != null
                    && c.getName().startsWith("settingLabel.")).forEach(c -> {
                        String text = ((javax.swing.JLabel) c).getText();
                        if (!text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
                                == Character.UnicodeScript.HAN)) {
                            english.add(c.getName() + " = " + text);
                        }
                    }));
            screenshot(frame().getRootPane(), "main-settings-" + level.substring(level.lastIndexOf('.') + 1)
                    + "-light-zh");
        }

        assertThat(english).isEmpty();
    }

    @Test
    void empty_pages_invite_to_import_add_an_account_or_create_the_first_key() {
        window.toggleButton("nav.keys").click();
        await("keys empty state", () -> showing("keys.createFirst"));
        screenshot(frame().getRootPane(), "main-keys-empty-light");
        window.button("keys.createFirst").click();
        window.dialog("createKeyDialog").close();

        window.toggleButton("nav.accounts").click();
        await("accounts empty state", () -> showing("accounts-emptyImport") && showing("accounts-emptyAdd"));
        window.button("accounts-emptyImport").click();
        window.dialog("importDialog").close();
        window.button("accounts-emptyAdd").click();
        window.dialog("addAccountDialog").close();
    }

    private boolean showing(String name) {
        return onEdt(() -> !robot.finder().findAll(frame(), c -> name.equals(c.getName()) && c.isShowing())
                .isEmpty());
    }

    @Test
    void the_banner_says_the_service_is_stopped_and_starts_it_again() {
        onEdt(() -> desktop.app().actions().get(com.codexmanager.desktop.action.ActionId.STOP_SERVICE)
                .actionPerformed(null));
        await("stopped banner", () -> named("connectionBanner").isShowing()
                && desktop.app().context().monitor().current().state() == ConnectionStatus.State.STOPPED);
        screenshot(frame().getRootPane(), "main-service-stopped-light");

        window.button("bannerStart").click();

        await("running again", Duration.ofSeconds(20),
                () -> desktop.app().context().monitor().current().connected());
        assertThat(named("connectionBanner").isShowing()).isFalse();
    }

    @Test
    void closing_the_window_without_a_tray_quits_and_stops_the_service() throws Exception {
        String baseUrl = desktop.service().endpoint().baseUrl();

        window.close();

        await("window gone", () -> !frame().isDisplayable());
        assertThat(desktop.quit(20, TimeUnit.SECONDS)).isTrue();
        assertThat(desktop.service().state()).isEqualTo(ServiceControl.State.STOPPED);
        assertThat(baseUrl).startsWith("http://");
        desktop = null;
    }

    private java.awt.Component named(String name) {
        return robot.finder().findByName(frame(), name, false);
    }

    private void openSettings() {
        window.toggleButton("nav.settings").click();
        await("settings loaded", () -> !robot.finder().findAll(frame(), c -> "setting.uiTheme".equals(c.getName()))
                .isEmpty()
                && named("setting.uiTheme").isShowing());
    }

    /**
     * Picks a combo item with the real mouse until {@code done} holds. On a loaded machine the first click can miss,
     * and switching theme or language rebuilds the window, so the combo that was clicked may be gone before its
     * selection can be read back: the visible effect is what counts.
     */
    private void selectSettingUntil(String name, String item, String what, java.util.function.BooleanSupplier done) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                openSettings();
                var combo = window.comboBox(name);
                if (attempt < 2) {
                    combo.selectItem(item);
                } else {
                    GuiTestSupport.chooseOnEdt(combo.target(), item);
                }
                // a missed pick shows at once in the combo; only a real pick is worth the long wait for its effect
                await(name + " = " + item, Duration.ofSeconds(2), () -> done.getAsBoolean()
                        || String.valueOf(combo.target().getSelectedItem()).equals(item));
                await(what, Duration.ofSeconds(10), done);
                return;
            } catch (AssertionError | RuntimeException missed) {
                // the window was being rebuilt or the click missed (maybe leaving the popup open over the next
                // attempt's target): close popups, look the combo up again and retry
                onEdt(() -> javax.swing.MenuSelectionManager.defaultManager().clearSelectedPath());
                robot.waitForIdle();
            }
        }
        throw new AssertionError("could not select " + item + " in " + name);
    }

}
