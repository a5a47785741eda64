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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import com.codexmanager.testkit.FakeUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tray icon and its menu, with {@code trayer} as the tray host, against one real embedded service per class
 * whose accounts, usage and gateway are backed by the fake upstream. Tests run in order: later ones change the pool.
 */
@ExtendWith(TrayerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrayGuiTest {
    @TempDir
    static Path dataDir;

    private final GuiTestSupport.RecordingPlatform platform = new GuiTestSupport.RecordingPlatform();
    private DesktopFixture fixture;
    private RunningDesktop desktop;
    private List<String> ids;

    @BeforeAll
    void start() {
        GuiTestSupport.assumeDisplay();
        GuiTestSupport.assumeTrayHost();
        fixture = DesktopFixture.start(dataDir, true, platform);
        desktop = fixture.desktop;
        fixture.seedPool().seedKeys();
        ids = fixture.ids;
        onEdt(() -> desktop.app().context().pool().refresh());
        await("tray installed", () -> desktop.app().tray() != null);
        await("pool loaded", () -> tray().trayIcon().getToolTip().contains("2 of 3 accounts available"));
    }

    @AfterAll
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
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
    @Order(1)
    void the_icon_sits_in_the_tray_with_state_and_pool_summary_in_its_tooltip() {
        assertThat(Arrays.asList(SystemTray.getSystemTray().getTrayIcons())).contains(tray().trayIcon());

        String tooltip = tray().trayIcon().getToolTip();

        assertThat(tooltip).contains("Service running at " + desktop.service().endpoint().baseUrl())
                .contains("2 of 3 accounts available");
        assertThat(item("trayState").getText()).isEqualTo("Running at " + desktop.service().endpoint().baseUrl());
    }

    @Test
    @Order(2)
    void quick_switch_lists_accounts_in_order_and_the_gateway_follows_the_new_first_account() {
        JMenu quickSwitch = (JMenu) item("tray.quickSwitch");
        List<String> texts = onEdt(() -> Arrays.stream(quickSwitch.getMenuComponents())
                .map(c -> ((JMenuItem) c).getText()).toList());
        assertThat(texts).hasSize(3);
        assertThat(texts.get(0)).startsWith("1. ").contains("alice").endsWith("— Available");
        assertThat(texts.get(1)).startsWith("2. ").contains("bob").endsWith("— Unavailable");
        assertThat(texts.get(2)).startsWith("3. ").contains("carol").endsWith("— Available");
        assertThat(fixture.send(fixture.gatewayKey(), "gpt-5.5", "before the switch")).isEqualTo(200);
        assertThat(fixture.fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().account())
                .hasValue(fixture.fakes.get(0).accountId());

        click("tray.switch." + ids.get(2));

        await("reordered", () -> fixture.order().equals(List.of(ids.get(2), ids.get(0), ids.get(1))));
        await("menu follows", () -> ((JMenu) item("tray.quickSwitch")).getMenuComponent(0)
                == item("tray.switch." + ids.get(2)));
        assertThat(fixture.send(fixture.gatewayKey(), "gpt-5.5", "after the switch")).isEqualTo(200);
        assertThat(fixture.fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().account())
                .hasValue(fixture.fakes.get(2).accountId());
    }

    @Test
    @Order(3)
    void copy_gateway_url_and_refresh_usage_use_the_service() {
        fixture.fakes.get(2).setPrimaryUsedPercent(64);

        click("action.copyGatewayUrl");
        click("action.refreshUsage");

        assertThat(platform.copied()).containsExactly(desktop.service().endpoint().baseUrl() + "/v1");
        await("carol's new usage shown", () -> desktop.app().context().pool().current().accounts().stream()
                .anyMatch(a -> a.id().equals(ids.get(2)) && a.primaryUsedPercent() != null
                        && Math.round(a.primaryUsedPercent()) == 64));
    }

    @Test
    @Order(4)
    void an_account_hitting_its_limit_raises_a_notification() {
        fixture.fakes.get(0).exhaust();
        fixture.refreshUsage();

        onEdt(() -> desktop.app().context().pool().refresh());

        // a pool load that ran between the seed's import and its usage refresh makes bob's exhaustion look new and
        // raises an earlier notification about him, so wait for the one about alice
        await("notification", () -> tray().lastNotification() != null
                && tray().lastNotification().text().contains("alice"));
        assertThat(tray().lastNotification().caption()).isEqualTo("Account reached its limit");
        assertThat(tray().lastNotification().text()).contains("alice");
    }

    @Test
    @Order(6)
    void stop_and_start_from_the_menu_change_state_icon_and_tooltip_live() {
        click("action.stopService");

        await("stopped", Duration.ofSeconds(20), () -> tray().trayIcon().getToolTip().contains("Service stopped")
                && item("action.startService") != null);
        assertThat(item("trayState").getText()).isEqualTo("Service stopped");

        click("action.startService");

        await("running", Duration.ofSeconds(20), () -> desktop.app().context().monitor().current().connected());
        await("tooltip running", () -> tray().trayIcon().getToolTip().contains("Service running at"));
        assertThat(item("action.stopService")).isNotNull();
    }

    @Test
    @Order(5)
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
    @Order(7)
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
