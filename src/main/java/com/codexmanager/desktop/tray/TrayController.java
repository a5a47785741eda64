package com.codexmanager.desktop.tray;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.action.ActionId;
import com.codexmanager.desktop.action.AppActions;
import com.codexmanager.desktop.model.AccountAlerts;
import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.model.PoolSnapshot;
import java.awt.AWTException;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon: its image follows the service state, its tooltip shows the state and pool summary, a left click
 * opens the dashboard and a right click shows the {@link TrayMenu}. Alerts about accounts become tray
 * notifications. EDT only.
 */
public final class TrayController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrayController.class);

    /** A notification that was shown; kept for tests and the log. Immutable. */
    public record Notification(String caption, String text) {
    }

    private final TrayIcon icon;
    private final TrayMenu menu;
    private final Runnable openDashboard;
    private DesktopContext ctx;
    private Boolean stoppedImage;
    private Notification lastNotification;

    private TrayController(DesktopContext ctx, TrayIcon icon, TrayMenu menu, Runnable openDashboard) {
        this.ctx = ctx;
        this.icon = icon;
        this.menu = menu;
        this.openDashboard = openDashboard;
    }

    /** Whether this desktop session has a tray host (false under bare Xvfb, true with {@code trayer}). */
    public static boolean supported() {
        return SystemTray.isSupported();
    }

    /**
     * Adds the icon to the system tray.
     *
     * @throws AWTException when the tray refuses it (the caller falls back to a plain window)
     */
    public static TrayController install(DesktopContext ctx, AppActions actions, Consumer<String> quickSwitch)
            throws AWTException {
        SystemTray tray = SystemTray.getSystemTray();
        TrayIcon icon = new TrayIcon(TrayIcons.load(tray.getTrayIconSize(), false), "CodexManager");
        TrayMenu menu = new TrayMenu(ctx, actions, quickSwitch);
        TrayController controller = new TrayController(ctx, icon, menu,
                () -> actions.get(ActionId.OPEN_DASHBOARD).actionPerformed(null));
        icon.addMouseListener(controller.new Clicks());
        tray.add(icon);
        controller.refresh();
        return controller;
    }

    /** Left click opens the dashboard; the platform's popup trigger opens the menu. */
    private final class Clicks extends MouseAdapter {
        @Override
        public void mousePressed(MouseEvent e) {
            maybePopup(e);
        }

        @Override
        public void mouseReleased(MouseEvent e) {
            maybePopup(e);
        }

        @Override
        public void mouseClicked(MouseEvent e) {
            if (SwingUtilities.isLeftMouseButton(e) && !e.isPopupTrigger()) {
                openDashboard.run();
            }
        }

        private void maybePopup(MouseEvent e) {
            if (e.isPopupTrigger()) {
                menu.showAt(e.getXOnScreen(), e.getYOnScreen());
            }
        }
    }

    public TrayIcon trayIcon() {
        return icon;
    }

    public TrayMenu menu() {
        return menu;
    }

    /** Rebuilds texts after a language switch. */
    public void setContext(DesktopContext newContext, AppActions actions) {
        this.ctx = newContext;
        menu.rebuild(newContext, actions);
        refresh();
    }

    /** Updates image, tooltip and menu from the current service, connection and pool state. */
    public void refresh() {
        ConnectionStatus connection = ctx.monitor().current();
        PoolSnapshot pool = ctx.pool().current();
        boolean running = connection.connected();
        if (stoppedImage == null || stoppedImage == running) {
            stoppedImage = !running;
            icon.setImage(TrayIcons.load(SystemTray.getSystemTray().getTrayIconSize(), !running));
        }
        icon.setToolTip(tooltip(connection, pool));
        menu.refresh(connection, pool);
    }

    String tooltip(ConnectionStatus connection, PoolSnapshot pool) {
        return TrayTooltip.text(ctx.messages(), connection, pool);
    }

    /** Shows a notification for each alert. */
    public void alert(List<AccountAlerts.Alert> alerts) {
        for (AccountAlerts.Alert alert : alerts) {
            String name = alert.account().displayName();
            Notification n = alert.kind() == AccountAlerts.Kind.LIMIT_REACHED
                    ? new Notification(ctx.text("tray.alert.limitTitle"), ctx.text("tray.alert.limit", name))
                    : new Notification(ctx.text("tray.alert.loginTitle"), ctx.text("tray.alert.login", name));
            lastNotification = n;
            log.info("Tray notification: {}", n.caption());
            icon.displayMessage(n.caption(), n.text(), TrayIcon.MessageType.WARNING);
        }
    }

    public Notification lastNotification() {
        return lastNotification;
    }

    @Override
    public void close() {
        menu.close();
        SystemTray.getSystemTray().remove(icon);
    }
}
