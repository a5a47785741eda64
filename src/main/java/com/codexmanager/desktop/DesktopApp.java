package com.codexmanager.desktop;

import com.codexmanager.desktop.action.ActionId;
import com.codexmanager.desktop.action.AppActions;
import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.AccountAlerts;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.model.GatewayApi;
import com.codexmanager.desktop.model.UsageRefreshRun;
import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.model.PoolSnapshot;
import com.codexmanager.desktop.model.SettingsApi;
import com.codexmanager.desktop.model.SettingsSnapshot;
import com.codexmanager.desktop.panel.AccountsPanel;
import com.codexmanager.desktop.panel.DashboardPanel;
import com.codexmanager.desktop.panel.ErrorText;
import com.codexmanager.desktop.panel.KeysPanel;
import com.codexmanager.desktop.panel.LazyPage;
import com.codexmanager.desktop.panel.LogsPanel;
import com.codexmanager.desktop.panel.PageView;
import com.codexmanager.desktop.panel.SettingsPanel;
import com.codexmanager.desktop.theme.Appearance;
import com.codexmanager.desktop.tray.TrayController;
import com.codexmanager.desktop.ui.Ui;
import com.codexmanager.desktop.window.MainWindow;
import java.awt.AWTException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running desktop: owns the main window, the tray icon (when the session has a tray host), the app actions and
 * the language/theme in use, and wires connection and pool changes to them. Closing the window hides it to the
 * tray when there is one and close-to-tray is on; otherwise it quits. EDT only.
 */
public final class DesktopApp implements MainWindow.Host {
    private static final Logger log = LoggerFactory.getLogger(DesktopApp.class);

    /** After the first window shows, wait this long, then build one more page per step. */
    private static final int PREBUILD_DELAY_MS = 400;
    private static final int PREBUILD_STEP_MS = 60;

    private final Locale osLocale;
    private final Runnable onQuit;
    private final AccountsApi accounts;
    private final UsageRefreshRun usageRefresh;
    private final MainWindow window;
    private DesktopContext ctx;
    private AppActions actions;
    private Appearance appearance;
    private TrayController tray;
    private boolean quit;

    private DesktopApp(DesktopContext ctx, Appearance appearance, Locale osLocale, Runnable onQuit) {
        this.ctx = ctx;
        this.appearance = appearance;
        this.osLocale = osLocale;
        this.onQuit = onQuit;
        this.accounts = new AccountsApi(ctx.rpc());
        this.usageRefresh = new UsageRefreshRun(ctx.jobs(), accounts, status -> { }, () -> ctx.pool().refresh());
        this.window = new MainWindow(this);
    }

    /**
     * Builds and shows the app. Call on the EDT with the look already installed.
     *
     * @param trayAllowed false forces the plain-window fallback (tests, or no tray wanted)
     */
    public static DesktopApp open(DesktopContext ctx, Appearance appearance, Locale osLocale, boolean trayAllowed,
            FocusRequests focus, Runnable onQuit) {
        DesktopApp app = new DesktopApp(ctx, appearance, osLocale, onQuit);
        app.actions = new AppActions(ctx.messages(), app::handler);
        app.window.setContent(ctx.messages(), app.buildPages(ctx), ctx.monitor().current());
        ctx.monitor().addListener(app::connectionChanged);
        ctx.pool().addListener(app::poolChanged);
        ctx.service().addListener(() -> SwingUtilities.invokeLater(() -> {
            if (!app.quit) {
                ctx.monitor().checkNow();
            }
        }));
        if (trayAllowed && TrayController.supported()) {
            try {
                app.tray = TrayController.install(ctx, app.actions, app::quickSwitch);
            } catch (AWTException | RuntimeException e) {
                log.warn("No tray icon ({}); the main window stays the way in", e.toString());
            }
        } else {
            log.info("No system tray in this session; closing the window quits");
        }
        app.window.frame().setSize(Ui.scale(1280), Ui.scale(800));
        app.window.frame().setLocationRelativeTo(null);
        app.window.present(Page.DASHBOARD);
        app.prebuildPages();
        ctx.monitor().start();
        app.syncStartAtLogin();
        focus.onRequest(page -> SwingUtilities.invokeLater(() -> app.window.present(
                Page.byId(page).orElse(Page.DASHBOARD))));
        return app;
    }

    /** Makes the OS autostart entry match the stored setting (the jar may have moved since); failures are logged. */
    private void syncStartAtLogin() {
        ctx.jobs().deliver(new SettingsApi(ctx.rpc()).load(), snapshot -> {
            boolean enabled = SettingsPanel.startAtLogin(snapshot);
            var entry = ctx.platform().autostart();
            if (!enabled && !entry.isInstalled()) {
                return;
            }
            ctx.jobs().supply(() -> {
                try {
                    entry.apply(enabled);
                } catch (java.io.IOException | RuntimeException e) {
                    log.warn("Cannot sync the start-at-login entry {}: {}", entry.file(), e.toString());
                }
                return enabled;
            });
        }, error -> log.info("Start at login not synced, settings unavailable: {}", error.toString()));
    }

    /** Pages are built when first shown; the rest are built one per EDT turn once the window is up. */
    private Map<Page, PageView> buildPages(DesktopContext context) {
        Map<Page, PageView> pages = new EnumMap<>(Page.class);
        pages.put(Page.DASHBOARD, new LazyPage(() -> new DashboardPanel(context)));
        pages.put(Page.ACCOUNTS, new LazyPage(() -> new AccountsPanel(context)));
        pages.put(Page.KEYS, new LazyPage(() -> new KeysPanel(context)));
        pages.put(Page.LOGS, new LazyPage(() -> new LogsPanel(context)));
        pages.put(Page.SETTINGS, new LazyPage(() -> new SettingsPanel(context, this::applySettings)));
        return pages;
    }

    /** Builds the pages not shown yet, one per timer tick, so that the first visit to each is instant. */
    private void prebuildPages() {
        Timer timer = new Timer(PREBUILD_STEP_MS, null);
        timer.addActionListener(e -> {
            java.util.Optional<LazyPage> next = java.util.Arrays.stream(Page.values())
                    .map(window::page).filter(p -> p instanceof LazyPage lazy && !lazy.built())
                    .map(LazyPage.class::cast).findFirst();
            if (next.isPresent() && !quit) {
                next.get().build();
            } else {
                timer.stop();
            }
        });
        timer.setInitialDelay(PREBUILD_DELAY_MS);
        timer.start();
    }

    private Runnable handler(ActionId id) {
        return switch (id) {
            case OPEN_DASHBOARD -> () -> window.present(Page.DASHBOARD);
            case OPEN_SETTINGS -> () -> window.present(Page.SETTINGS);
            case START_SERVICE -> () -> ctx.jobs().deliver(ctx.service().start(), ok -> ctx.monitor().checkNow(),
                    this::serviceFailed);
            case STOP_SERVICE -> () -> ctx.jobs().deliver(ctx.service().stop(), ok -> ctx.monitor().checkNow(),
                    this::serviceFailed);
            case REFRESH_USAGE -> usageRefresh::start;
            case COPY_GATEWAY_URL -> () -> ctx.platform().copy(ctx.rpc().endpoint().gatewayUrl());
            case QUIT -> this::quit;
        };
    }

    private void serviceFailed(Throwable error) {
        ctx.monitor().checkNow();
        JOptionPane.showMessageDialog(window.frame().isVisible() ? window.frame() : null,
                ctx.text("service.failed", String.valueOf(error.getMessage())), ctx.text("app.title"),
                JOptionPane.ERROR_MESSAGE);
    }

    /**
     * Tray quick switch: pins the account (the gateway tries it first while it is usable) or, for a blank id, goes
     * back to automatic routing. The pool order stays as it is.
     */
    void quickSwitch(String accountId) {
        GatewayApi gateway = new GatewayApi(ctx.rpc());
        ctx.jobs().deliver(accountId.isBlank() ? gateway.unpin() : gateway.pin(accountId), ok -> {
            ctx.pool().refresh();
            window.page(Page.ACCOUNTS).activated();
        }, error -> JOptionPane.showMessageDialog(null, ErrorText.of(ctx.messages(), error), ctx.text("app.title"),
                JOptionPane.WARNING_MESSAGE));
    }

    private void connectionChanged(ConnectionStatus status) {
        window.connectionChanged(status);
        ctx.pool().setSupported(status.connected() && status.capabilities().hasAll(AccountsApi.REQUIRED));
        if (tray != null) {
            tray.refresh();
        }
    }

    private void poolChanged(PoolSnapshot previous, PoolSnapshot next) {
        window.forEachPage(p -> p.poolChanged(next));
        if (tray != null) {
            tray.refresh();
            tray.alert(AccountAlerts.between(previous, next));
        }
    }

    /** Applies theme, accent, language and close-to-tray right after the settings page saved them. */
    void applySettings(SettingsSnapshot snapshot) {
        Appearance next = Appearance.fromValues(snapshot.values());
        Appearance before = appearance;
        appearance = next;
        SwingUtilities.invokeLater(() -> {
            if (next.theme() != before.theme() || next.accent() != before.accent()) {
                ctx.laf().apply(next.theme(), next.accent(), window.frame().isShowing());
            }
            if (next.language() != before.language()) {
                switchLanguage(Messages.of(next.language().locale(osLocale)));
            }
        });
    }

    private void switchLanguage(Messages messages) {
        ctx = ctx.withMessages(messages);
        actions = new AppActions(messages, this::handler);
        Page page = window.currentPage();
        window.setContent(messages, buildPages(ctx), ctx.monitor().current());
        window.show(page);
        window.forEachPage(p -> p.poolChanged(ctx.pool().current()));
        prebuildPages();
        if (tray != null) {
            tray.setContext(ctx, actions);
        }
    }

    @Override
    public void closeRequested() {
        if (tray != null && appearance.closeToTray()) {
            window.hide();
        } else {
            quit();
        }
    }

    @Override
    public void retryConnection() {
        ctx.monitor().checkNow();
    }

    @Override
    public void startService() {
        actions.get(ActionId.START_SERVICE).actionPerformed(null);
    }

    @Override
    public boolean canStartService() {
        return ctx.service().embedded();
    }

    /** Closes windows and tray, cancels all work, then tells the launcher (which stops the service). */
    public void quit() {
        if (quit) {
            return;
        }
        quit = true;
        ctx.monitor().close();
        ctx.pool().close();
        usageRefresh.stop();
        if (tray != null) {
            tray.close();
        }
        window.dispose();
        ctx.jobs().close();
        onQuit.run();
    }

    public MainWindow window() {
        return window;
    }

    /** The tray, or {@code null} when this session has none. */
    public TrayController tray() {
        return tray;
    }

    public DesktopContext context() {
        return ctx;
    }

    public AppActions actions() {
        return actions;
    }

    public Appearance appearance() {
        return appearance;
    }
}
