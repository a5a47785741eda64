package com.codexmanager.desktop;

import static com.codexmanager.desktop.GuiTestSupport.await;
import static com.codexmanager.desktop.GuiTestSupport.onEdt;
import static com.codexmanager.desktop.GuiTestSupport.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.theme.Accent;
import com.codexmanager.desktop.theme.UiTheme;
import com.codexmanager.desktop.tray.TrayController;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.MouseEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The tray icon and its menu, with {@code trayer} as the tray host, against the real embedded service. */
@ExtendWith(TrayerExtension.class)
class TrayGuiTest {
    @TempDir
    Path dataDir;

    private final GuiTestSupport.RecordingPlatform platform = new GuiTestSupport.RecordingPlatform();
    private final FakeUsageMethods usage = new FakeUsageMethods();
    private RunningDesktop desktop;
    private RealAccounts accounts;
    private List<String> ids;

    @BeforeEach
    void start() {
        GuiTestSupport.assumeDisplay();
        GuiTestSupport.assumeTrayHost();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        desktop = DesktopLauncher.start(GuiTestSupport.options(GuiTestSupport.env(dataDir, Map.of()), true, platform),
                new PrintStream(err, true, StandardCharsets.UTF_8)).desktop().orElseThrow();
        accounts = new RealAccounts(desktop.service().endpoint());
        ids = accounts.importAll("alice@example.com", "bob@example.com", "carol@example.com");
        usage.set(ids.get(0), 35, 20).set(ids.get(1), 100, 60).set(ids.get(2), 10, 5);
        registerFakes();
        await("tray installed", () -> desktop.app().tray() != null);
        await("pool loaded", () -> tray().trayIcon().getToolTip().contains("accounts available"));
    }

    private void registerFakes() {
        usage.registerOn(((EmbeddedService) desktop.service()).service().rpcRegistry());
        onEdt(() -> desktop.app().context().monitor().checkNow());
    }

    @AfterEach
    void stop() throws Exception {
        if (desktop != null) {
            desktop.quit(20, TimeUnit.SECONDS);
        }
    }

    private TrayController tray() {
        return desktop.app().tray();
    }

    private JPopupMenu menu() {
        return tray().menu().popup();
    }

    private JMenuItem item(String name) {
        return onEdt(() -> find(menu().getSubElements(), name));
    }

    private static JMenuItem find(javax.swing.MenuElement[] elements, String name) {
        for (javax.swing.MenuElement e : elements) {
            if (e instanceof JMenuItem item && name.equals(item.getName()) && item.isVisible()) {
                return item;
            }
            JMenuItem nested = find(e.getSubElements(), name);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    private void click(String name) {
        onEdt(() -> item(name).doClick());
    }

    @Test
    void the_icon_sits_in_the_tray_with_state_and_pool_summary_in_its_tooltip() {
        assertThat(Arrays.asList(SystemTray.getSystemTray().getTrayIcons())).contains(tray().trayIcon());

        String tooltip = tray().trayIcon().getToolTip();

        assertThat(tooltip).contains("Service running at " + desktop.service().endpoint().baseUrl())
                .contains("2 of 3 accounts available");
        assertThat(item("trayState").getText()).isEqualTo("Running at " + desktop.service().endpoint().baseUrl());
    }

    @Test
    void quick_switch_lists_accounts_in_order_and_moves_the_chosen_one_first() {
        JMenu quickSwitch = (JMenu) item("tray.quickSwitch");
        List<String> texts = onEdt(() -> Arrays.stream(quickSwitch.getMenuComponents())
                .map(c -> ((JMenuItem) c).getText()).toList());
        assertThat(texts).hasSize(3);
        assertThat(texts.get(0)).startsWith("1. ").contains("alice").endsWith("— Available");
        assertThat(texts.get(1)).startsWith("2. ").contains("bob").endsWith("— Unavailable");
        assertThat(texts.get(2)).startsWith("3. ").contains("carol").endsWith("— Available");

        click("tray.switch." + ids.get(2));

        await("reordered", () -> accounts.order().equals(List.of(ids.get(2), ids.get(0), ids.get(1))));
        await("menu follows", () -> ((JMenu) item("tray.quickSwitch")).getMenuComponent(0)
                == item("tray.switch." + ids.get(2)));
    }

    @Test
    void stop_and_start_from_the_menu_change_state_icon_and_tooltip_live() {
        click("action.stopService");

        await("stopped", Duration.ofSeconds(20), () -> tray().trayIcon().getToolTip().contains("Service stopped")
                && item("action.startService") != null);
        assertThat(item("trayState").getText()).isEqualTo("Service stopped");

        click("action.startService");

        await("running", Duration.ofSeconds(20), () -> desktop.app().context().monitor().current().connected());
        registerFakes();
        await("tooltip running", () -> tray().trayIcon().getToolTip().contains("Service running at"));
        assertThat(item("action.stopService")).isNotNull();
    }

    @Test
    void copy_gateway_url_and_refresh_usage_use_the_service() {
        click("action.copyGatewayUrl");
        click("action.refreshUsage");

        assertThat(platform.copied()).containsExactly(desktop.service().endpoint().baseUrl() + "/v1");
        await("refresh called", () -> usage.refreshCalls() == 1);
    }

    @Test
    void an_account_hitting_its_limit_raises_a_notification() {
        usage.set(ids.get(0), 100, 40);

        onEdt(() -> desktop.app().context().pool().refresh());

        await("notification", () -> tray().lastNotification() != null);
        assertThat(tray().lastNotification().caption()).isEqualTo("Account reached its limit");
        assertThat(tray().lastNotification().text()).contains("alice");
    }

    @Test
    void closing_hides_to_the_tray_and_a_left_click_brings_the_dashboard_back() {
        onEdt(() -> desktop.app().window().show(Page.SETTINGS));
        onEdt(() -> desktop.app().closeRequested());
        await("hidden", () -> !desktop.app().window().frame().isVisible());
        assertThat(desktop.service().state()).isEqualTo(ServiceControl.State.RUNNING);

        TrayIcon icon = tray().trayIcon();
        onEdt(() -> Arrays.stream(icon.getMouseListeners()).forEach(l -> l.mouseClicked(new MouseEvent(
                desktop.app().window().frame(), MouseEvent.MOUSE_CLICKED, System.currentTimeMillis(), 0, 5, 5, 1,
                false, MouseEvent.BUTTON1))));

        await("shown", () -> desktop.app().window().frame().isVisible());
        assertThat(onEdt(() -> desktop.app().window().currentPage())).isEqualTo(Page.DASHBOARD);
    }

    @Test
    void the_menu_renders_in_light_and_dark_and_quit_stops_everything() throws Exception {
        for (UiTheme theme : new UiTheme[] {UiTheme.LIGHT, UiTheme.DARK}) {
            onEdt(() -> desktop.app().context().laf().apply(theme, Accent.BLUE, false));
            onEdt(() -> tray().menu().showAt(400, 60));
            await("menu open", () -> menu().isShowing());
            screenshot(menu(), "tray-menu-" + theme.value());
            onEdt(() -> menu().setVisible(false));
        }

        click("action.quit");

        assertThat(desktop.quit(20, TimeUnit.SECONDS)).isTrue();
        assertThat(desktop.service().state()).isEqualTo(ServiceControl.State.STOPPED);
        assertThat(Arrays.asList(SystemTray.getSystemTray().getTrayIcons())).isEmpty();
        assertThat(desktop.app().context().monitor().current().state()).isNotEqualTo(ConnectionStatus.State.CONNECTING);
        desktop = null;
    }
}
