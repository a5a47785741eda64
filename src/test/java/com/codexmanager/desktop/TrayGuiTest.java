package com.codexmanager.desktop;

import static com.codexmanager.desktop.GuiTestSupport.await;
import static com.codexmanager.desktop.GuiTestSupport.onEdt;
import static com.codexmanager.desktop.GuiTestSupport.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.theme.Accent;
import com.codexmanager.desktop.theme.UiTheme;
import com.codexmanager.desktop.tray.TrayController;
import com.codexmanager.testkit.Await;
import com.codexmanager.testkit.FakeUpstream;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.Window;
import java.awt.event.MouseEvent;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JDialog;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPopupMenu;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tray icon and its menu, with {@code trayer} as the tray host, against one real embedded service on a fixed
 * address whose accounts, usage and gateway are backed by the fake upstream. Every test starts from a running
 * service, the seeded pool (alice, bob exhausted, carol) and nothing pinned, whatever ran before it.
 */
@ExtendWith(TrayerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrayGuiTest {
    @TempDir
    static Path dataDir;

    private final GuiTestSupport.RecordingPlatform platform = new GuiTestSupport.RecordingPlatform();
    private final int port = DesktopFixture.freePort();
    private DesktopFixture fixture;
    private RunningDesktop desktop;
    private List<String> ids;

    @BeforeAll
    void start() {
        GuiTestSupport.assumeDisplay();
        GuiTestSupport.assumeTrayHost();
        fixture = DesktopFixture.start(dataDir, true, platform,
                Map.of("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:" + port));
        desktop = fixture.desktop;
        fixture.seedPool().seedKeys();
        ids = fixture.ids;
        await("tray installed", () -> desktop.app().tray() != null);
    }

    @AfterAll
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void runningWithTheSeededPool() {
        onEdt(() -> {
            menu().setVisible(false);
            Arrays.stream(Window.getWindows()).filter(w -> w instanceof JDialog && w.isShowing())
                    .forEach(Window::dispose);
            desktop.app().context().laf().apply(UiTheme.LIGHT, Accent.BLUE, false);
        });
        if (desktop.service().state() != ServiceControl.State.RUNNING) {
            onEdt(() -> desktop.app().actions().get(com.codexmanager.desktop.action.ActionId.START_SERVICE)
                    .actionPerformed(null));
        }
        await("connected", Duration.ofSeconds(80), () -> desktop.app().context().monitor().current().connected());
        fixture.resetPool();
        onEdt(() -> desktop.app().context().pool().refresh());
        await("seeded pool", () -> tray().trayIcon().getToolTip().contains("2 of 3 accounts available")
                && desktop.app().context().pool().current().pinnedAccountId().isEmpty());
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

    private boolean checked(String name) {
        return onEdt(() -> ((JCheckBoxMenuItem) item(name)).isSelected());
    }

    /** Bug: X11 tray hosts dropped the line breaks ("…:48229" + "3 of 4" read as port 482293) and cut the rest. */
    @Test
    void the_tooltip_is_one_short_line_with_state_and_pool_and_the_menu_names_the_address() {
        assertThat(Arrays.asList(SystemTray.getSystemTray().getTrayIcons())).contains(tray().trayIcon());

        String tooltip = tray().trayIcon().getToolTip();

        assertThat(tooltip).matches("CodexManager · Running · 2 of 3 accounts available( · ~\\d+ (min|h|d))?")
                .doesNotContain("\n");
        assertThat(tooltip.length()).isLessThanOrEqualTo(64);
        assertThat(item("trayState").getText()).isEqualTo("Running at " + desktop.service().endpoint().baseUrl());
    }

    /**
     * Issue 14: once the pool has traffic, the tooltip ends with how long the pool lasts at that rate. With the
     * seeded usage (alice 35 %, bob spent, carol 10 %) the pool lasts a few hours, so the short form is in hours.
     */
    @Test
    void once_there_is_traffic_the_tooltip_ends_with_how_many_hours_the_pool_lasts() {
        long rows = fixture.logCount(Map.of());
        for (int i = 0; i < 3; i++) {
            assertThat(fixture.send(fixture.gatewayKey(), "gpt-5.5", "forecast " + i)).isEqualTo(200);
        }
        fixture.awaitLogRows(rows + 3);

        onEdt(() -> desktop.app().context().pool().refresh());

        await("the forecast in the tooltip", () -> tray().trayIcon().getToolTip()
                .matches("CodexManager · Running · 2 of 3 accounts available · ~\\d+ h"));
        assertThat(tray().trayIcon().getToolTip().length()).isLessThanOrEqualTo(64);
    }

    @Test
    void quick_switch_pins_an_account_with_a_check_mark_and_automatic_unpins_it() {
        JMenu quickSwitch = (JMenu) item("tray.quickSwitch");
        List<String> texts = onEdt(() -> Arrays.stream(quickSwitch.getMenuComponents())
                .filter(c -> c instanceof JMenuItem).map(c -> ((JMenuItem) c).getText()).toList());
        assertThat(texts).hasSize(4);
        assertThat(texts.get(0)).isEqualTo("Automatic (routing order)");
        assertThat(texts.get(1)).startsWith("1. ").contains("alice").endsWith("— Available");
        assertThat(texts.get(2)).startsWith("2. ").contains("bob").endsWith("— Unavailable");
        assertThat(texts.get(3)).startsWith("3. ").contains("carol").endsWith("— Available");
        assertThat(checked("tray-switchAuto")).isTrue();

        click("tray.switch." + ids.get(2));

        await("pinned", () -> ids.get(2).equals(pinnedAccount()));
        assertThat(fixture.order()).as("pinning leaves the pool order alone").isEqualTo(ids);
        await("menu marks the pin", () -> item("tray.switch." + ids.get(2)) != null
                && checked("tray.switch." + ids.get(2)) && !checked("tray-switchAuto")
                && !checked("tray.switch." + ids.get(0)));
        shootQuickSwitchOpen("tray-quick-switch-pinned-light");
        assertThat(fixture.send(fixture.gatewayKey(), "gpt-5.5", "while pinned")).isEqualTo(200);
        assertThat(fixture.fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().account())
                .hasValue(fixture.fakes.get(2).accountId());
        onEdt(() -> desktop.app().window().present(Page.DASHBOARD));
        onEdt(() -> desktop.app().context().pool().refresh());
        await("dashboard marks pinned and serving", () -> showing("dash.pinned." + ids.get(2))
                && showing("dash.serving." + ids.get(2)));
        screenshot(desktop.app().window().frame().getRootPane(), "page-dashboard-pinned-light");

        click("tray-switchAuto");

        await("unpinned", () -> pinnedAccount() == null);
        await("automatic checked", () -> checked("tray-switchAuto") && !checked("tray.switch." + ids.get(2)));
    }

    /** Opens the menu and its quick-switch submenu, as a user pointing at it sees them, and shoots both. */
    private void shootQuickSwitchOpen(String name) {
        JMenu quickSwitch = (JMenu) item("tray.quickSwitch");
        onEdt(() -> tray().menu().showAt(400, 60));
        await("menu open", () -> menu().isShowing());
        onEdt(() -> javax.swing.MenuSelectionManager.defaultManager().setSelectedPath(new javax.swing.MenuElement[] {
                menu(), quickSwitch, quickSwitch.getPopupMenu()}));
        await("submenu open", () -> quickSwitch.getPopupMenu().isShowing());
        screenshot(List.of(menu(), quickSwitch.getPopupMenu()), name);
        onEdt(() -> javax.swing.MenuSelectionManager.defaultManager().clearSelectedPath());
        await("menu closed", () -> !menu().isShowing());
    }

    private boolean showing(String name) {
        return onEdt(() -> java.util.stream.Stream.of(desktop.app().window().frame())
                .flatMap(f -> components(f).stream()).anyMatch(c -> name.equals(c.getName()) && c.isShowing()));
    }

    private static List<java.awt.Component> components(java.awt.Container root) {
        List<java.awt.Component> out = new java.util.ArrayList<>();
        for (java.awt.Component c : root.getComponents()) {
            out.add(c);
            if (c instanceof java.awt.Container container) {
                out.addAll(components(container));
            }
        }
        return out;
    }

    @Test
    void copy_gateway_url_and_refresh_usage_use_the_service() {
        fixture.fakes.get(2).setPrimaryUsedPercent(64);

        click("action.copyGatewayUrl");
        click("action.refreshUsage");

        assertThat(platform.copied()).contains(desktop.service().endpoint().baseUrl() + "/v1");
        await("carol's new usage shown", () -> desktop.app().context().pool().current().accounts().stream()
                .anyMatch(a -> a.id().equals(ids.get(2)) && a.primaryUsedPercent() != null
                        && Math.round(a.primaryUsedPercent()) == 64));
    }

    @Test
    void an_account_hitting_its_limit_raises_a_notification() {
        fixture.fakes.get(0).exhaust();
        fixture.refreshUsage();

        onEdt(() -> desktop.app().context().pool().refresh());

        await("notification", () -> tray().lastNotification() != null
                && tray().lastNotification().text().contains("alice"));
        assertThat(tray().lastNotification().caption()).isEqualTo("Account reached its limit");
    }

    /**
     * Bug: Start right after Stop failed with "port is already in use" in an error box while the old listener's
     * address was still taken. Now the start waits, says so, and runs as soon as the address is free. Bug: quick
     * switch stayed enabled while the service was stopped.
     */
    @Test
    void start_after_stop_waits_for_a_taken_address_instead_of_failing() throws Exception {
        click("action.stopService");
        await("stopped", Duration.ofSeconds(20), () -> tray().trayIcon().getToolTip().contains("Service stopped")
                && item("action.startService") != null);
        assertThat(item("trayState").getText()).isEqualTo("Service stopped");
        assertThat(onEdt(() -> item("tray.quickSwitch").isEnabled())).as("quick switch while stopped").isFalse();

        ServerSocket squatter = squat();
        try {
            click("action.startService");

            await("waiting for the address", Duration.ofSeconds(10), () -> item("trayState").getText()
                    .equals("Starting: " + desktop.service().endpoint().baseUrl() + " still in use, retrying…"));
            assertThat(tray().trayIcon().getToolTip()).isEqualTo("CodexManager · Starting…");
            assertThat(desktop.app().context().monitor().current().state())
                    .isEqualTo(ConnectionStatus.State.STARTING);
            onEdt(() -> desktop.app().window().present(Page.DASHBOARD));
            await("banner explains", () -> showing("connectionBanner"));
            screenshot(desktop.app().window().frame().getRootPane(), "main-service-starting-light");
        } finally {
            if (squatter != null) {
                squatter.close();
            }
        }

        // a listener without SO_REUSEADDR would leave the port in TIME_WAIT for up to 60 s after traffic
        await("running", Duration.ofSeconds(80), () -> desktop.app().context().monitor().current().connected());
        await("tooltip running", () -> tray().trayIcon().getToolTip().startsWith("CodexManager · Running"));
        assertThat(desktop.service().endpoint().baseUrl()).endsWith(":" + port);
        assertThat(item("action.stopService")).isNotNull();
        await("quick switch back", () -> item("tray.quickSwitch").isEnabled());
        assertThat(onEdt(() -> Arrays.stream(Window.getWindows()).anyMatch(w -> w.isShowing()
                && w instanceof JDialog d && components(d).stream().anyMatch(c -> c instanceof JOptionPane))))
                .as("no error box").isFalse();
    }

    /**
     * Stop then Start from the tray works within seconds after real traffic. The keep-alive connections still open
     * at the stop are closed by the service, so their ports wait out TIME_WAIT on its side; a listener without
     * SO_REUSEADDR could not bind again for up to a minute.
     */
    @Test
    void stop_then_start_after_traffic_on_open_keep_alive_connections_is_running_again_within_5_s()
            throws Exception {
        List<Socket> connections = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket connection = new Socket(InetAddress.getLoopbackAddress(), port);
                connection.setSoTimeout(10_000);
                connections.add(connection);
                assertThat(send(connection, "kept alive " + i)).startsWith("HTTP/1.1 200");
            }

            click("action.stopService");
            await("stopped", Duration.ofSeconds(20), () -> tray().trayIcon().getToolTip().contains("Service stopped")
                    && item("action.startService") != null);
            for (Socket connection : connections) {
                readToTheEnd(connection);
                connection.close();
            }
            click("action.startService");

            Await.until("connected again", Duration.ofSeconds(5),
                    () -> desktop.app().context().monitor().current().connected());
        } finally {
            for (Socket connection : connections) {
                connection.close();
            }
        }
        assertThat(desktop.service().endpoint().baseUrl()).endsWith(":" + port);
        assertThat(fixture.send(fixture.gatewayKey(), "gpt-5.5", "after the restart")).isEqualTo(200);
    }

    /**
     * Sends a gateway request on an HTTP/1.1 connection that stays open (keep-alive) and returns the status line;
     * the rest of the answer stays unread until {@link #readToTheEnd}.
     */
    private String send(Socket connection, String input) throws java.io.IOException {
        byte[] body = ("{\"model\":\"gpt-5.5\",\"input\":\"" + input + "\",\"stream\":false}")
                .getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                + fixture.gatewayKey() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n";
        OutputStream out = connection.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        StringBuilder statusLine = new StringBuilder();
        InputStream in = connection.getInputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            statusLine.append((char) b);
        }
        return statusLine.toString().trim();
    }

    /** Reads until the service closes the connection (its socket timeout fails a connection left open). */
    private static void readToTheEnd(Socket connection) throws java.io.IOException {
        byte[] buffer = new byte[8192];
        InputStream in = connection.getInputStream();
        while (in.read(buffer) >= 0) {
            // the rest of the answer; the stopped service then closes its end
        }
    }

    /**
     * Takes the service's port, or returns {@code null} when that is not possible because the stopped listener's
     * connections still hold it in TIME_WAIT (a listener without SO_REUSEADDR): taken either way.
     */
    private ServerSocket squat() throws java.io.IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (java.net.BindException stillHeld) {
            socket.close();
            return null;
        }
    }

    @Test
    void closing_hides_to_the_tray_and_a_left_click_brings_the_dashboard_back() {
        onEdt(() -> desktop.app().window().present(Page.SETTINGS));
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
    void the_menu_renders_in_both_themes_and_languages() {
        onEdt(() -> desktop.app().context().pool().refresh());
        for (String language : List.of("en", "zh")) {
            if (language.equals("zh")) {
                onEdt(() -> desktop.app().applySettings(com.codexmanager.desktop.model.SettingsSnapshot.from(
                        fixture.rpc().call("appSettings/set", Map.of("uiLanguage", "zh-CN")))));
                await("chinese menu", () -> item("tray.quickSwitch") != null
                        && item("tray.quickSwitch").getText().equals("快速切换"));
            }
            for (UiTheme theme : new UiTheme[] {UiTheme.LIGHT, UiTheme.DARK}) {
                onEdt(() -> desktop.app().context().laf().apply(theme, Accent.BLUE, false));
                onEdt(() -> tray().menu().showAt(400, 60));
                await("menu open", () -> menu().isShowing());
                screenshot(menu(), "tray-menu-" + theme.value() + (language.equals("zh") ? "-zh" : ""));
                onEdt(() -> menu().setVisible(false));
            }
        }
        onEdt(() -> desktop.app().applySettings(com.codexmanager.desktop.model.SettingsSnapshot.from(
                fixture.rpc().call("appSettings/set", Map.of("uiLanguage", "en")))));
        await("english menu", () -> item("tray.quickSwitch") != null
                && item("tray.quickSwitch").getText().equals("Quick switch"));
    }

    /** Its own desktop: quitting ends it. */
    @Test
    void quit_stops_the_service_and_removes_the_icon(@TempDir Path ownDir) throws Exception {
        DesktopFixture own = DesktopFixture.start(ownDir, true, new GuiTestSupport.RecordingPlatform());
        try {
            await("own tray installed", () -> own.desktop.app().tray() != null);
            TrayIcon ownIcon = own.desktop.app().tray().trayIcon();

            onEdt(() -> own.desktop.app().actions().get(com.codexmanager.desktop.action.ActionId.QUIT)
                    .actionPerformed(null));

            assertThat(own.desktop.quit(20, TimeUnit.SECONDS)).isTrue();
            assertThat(own.desktop.service().state()).isEqualTo(ServiceControl.State.STOPPED);
            assertThat(Arrays.asList(SystemTray.getSystemTray().getTrayIcons())).doesNotContain(ownIcon)
                    .contains(tray().trayIcon());
            assertThat(own.desktop.app().context().monitor().current().state())
                    .isNotEqualTo(ConnectionStatus.State.CONNECTING);
        } finally {
            own.close();
        }
    }

    /** The pinned account's id as the service has it, or null while none is pinned (absent or JSON null). */
    private String pinnedAccount() {
        com.google.gson.JsonElement id = fixture.rpc().call("gateway/manualAccount/get").get("accountId");
        return id == null || id.isJsonNull() ? null : id.getAsString();
    }
}
