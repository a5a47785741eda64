package com.codexmanager.desktop.tray;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.ServiceControl;
import com.codexmanager.desktop.action.ActionId;
import com.codexmanager.desktop.action.AppActions;
import com.codexmanager.desktop.model.AccountRow;
import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.model.PoolSnapshot;
import com.codexmanager.desktop.ui.Ui;
import java.awt.Dimension;
import java.awt.GraphicsConfiguration;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.util.function.Consumer;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JDialog;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.event.PopupMenuEvent;
import javax.swing.event.PopupMenuListener;

/**
 * The tray's menu, drawn by Swing (so it follows the theme and renders CJK text) and shown from a hidden owner
 * window: Open dashboard · service state and Start/Stop · Quick switch ▸ (Automatic or a pinned account) · Refresh
 * usage · Copy gateway URL · Settings · Quit. Items use the app's shared actions. EDT only.
 */
public final class TrayMenu {
    private final Consumer<String> quickSwitch;
    private final JDialog owner = new JDialog();
    private final JPopupMenu popup = new JPopupMenu();
    private final javax.swing.Timer fallbackOpen = new javax.swing.Timer(400, e -> openPending());
    private boolean pendingOpen;
    private javax.swing.LookAndFeel lafOfPopup = javax.swing.UIManager.getLookAndFeel();
    private DesktopContext ctx;
    private AppActions actions;
    private JMenuItem state;
    private JMenuItem startStop;
    private JMenu switchMenu;
    private JMenuItem refreshUsage;

    TrayMenu(DesktopContext ctx, AppActions actions, Consumer<String> quickSwitch) {
        this.quickSwitch = quickSwitch;
        owner.setUndecorated(true);
        owner.setName("trayMenuOwner");
        owner.setType(java.awt.Window.Type.UTILITY);
        owner.setSize(1, 1);
        popup.setName("trayMenu");
        // The popup must open only once its owner is the focused window; opened earlier, the focus change that
        // follows cancels it at once.
        owner.addWindowFocusListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowGainedFocus(java.awt.event.WindowEvent e) {
                openPending();
            }
        });
        fallbackOpen.setRepeats(false);
        popup.addPopupMenuListener(new PopupMenuListener() {
            @Override
            public void popupMenuWillBecomeVisible(PopupMenuEvent e) {
                ctx().pool().refresh();
            }

            @Override
            public void popupMenuWillBecomeInvisible(PopupMenuEvent e) {
                owner.setVisible(false);
            }

            @Override
            public void popupMenuCanceled(PopupMenuEvent e) {
                owner.setVisible(false);
            }
        });
        rebuild(ctx, actions);
    }

    private DesktopContext ctx() {
        return ctx;
    }

    void rebuild(DesktopContext newContext, AppActions newActions) {
        this.ctx = newContext;
        this.actions = newActions;
        popup.removeAll();
        popup.add(item(ActionId.OPEN_DASHBOARD));
        popup.addSeparator();
        state = new JMenuItem();
        state.setName("trayState");
        state.setEnabled(false);
        popup.add(state);
        startStop = new JMenuItem();
        popup.add(startStop);
        switchMenu = new JMenu(ctx.text("tray.quickSwitch"));
        switchMenu.setName("tray.quickSwitch");
        switchMenu.setIcon(Ui.icon("switch"));
        popup.add(switchMenu);
        refreshUsage = item(ActionId.REFRESH_USAGE);
        popup.add(refreshUsage);
        popup.add(item(ActionId.COPY_GATEWAY_URL));
        popup.addSeparator();
        popup.add(item(ActionId.OPEN_SETTINGS));
        popup.add(item(ActionId.QUIT));
        refresh(ctx.monitor().current(), ctx.pool().current());
    }

    private JMenuItem item(ActionId id) {
        JMenuItem item = new JMenuItem(actions.get(id));
        item.setName(id.componentName());
        return item;
    }

    /** Shows the current service state, the right start/stop action and the accounts in order. */
    void refresh(ConnectionStatus connection, PoolSnapshot pool) {
        ServiceControl.State service = ctx.service().state();
        String stateText = switch (connection.state()) {
            case CONNECTED -> ctx.text("tray.state.running", connection.baseUrl());
            case STOPPED -> ctx.text("tray.state.stopped");
            case CONNECTING -> ctx.text("status.connecting");
            case STARTING -> connection.waitingForAddress() ? ctx.text("tray.state.waiting", connection.baseUrl())
                    : ctx.text("status.starting");
            case UNREACHABLE, UNAUTHORIZED -> ctx.text("tray.state.unreachable", connection.baseUrl());
        };
        state.setText(stateText);
        boolean running = service == ServiceControl.State.RUNNING || service == ServiceControl.State.STARTING;
        ActionId toggle = running ? ActionId.STOP_SERVICE : ActionId.START_SERVICE;
        startStop.setAction(actions.get(toggle));
        startStop.setName(toggle.componentName());
        startStop.setVisible(ctx.service().embedded());
        refreshUsage.setEnabled(connection.capabilities().has("account/usage/refresh"));
        rebuildQuickSwitch(connection, pool);
    }

    /**
     * Quick switch pins an account (the gateway tries it first while it is usable) or goes back to automatic
     * routing; a check mark shows the current choice. Only while the service answers and can pin.
     */
    private void rebuildQuickSwitch(ConnectionStatus connection, PoolSnapshot pool) {
        switchMenu.removeAll();
        boolean usable = connection.connected() && connection.capabilities().has("gateway/manualAccount/set")
                && pool.supported();
        switchMenu.setEnabled(usable);
        if (!usable) {
            return;
        }
        JCheckBoxMenuItem automatic = new JCheckBoxMenuItem(ctx.text("tray.switchAutomatic"),
                pool.pinnedAccountId().isBlank());
        automatic.setName("tray-switchAuto");
        automatic.addActionListener(e -> quickSwitch.accept(""));
        switchMenu.add(automatic);
        if (pool.accounts().isEmpty()) {
            JMenuItem none = new JMenuItem(ctx.text("tray.noAccounts"));
            none.setEnabled(false);
            switchMenu.add(none);
            return;
        }
        switchMenu.addSeparator();
        int position = 1;
        for (AccountRow account : pool.accounts()) {
            JCheckBoxMenuItem item = new JCheckBoxMenuItem(ctx.text("tray.switchItem", position++,
                    account.displayName(), ctx.text(account.availability().textKey())), pool.pinned(account.id()));
            item.setName("tray.switch." + account.id());
            item.setEnabled(!account.disabled());
            item.addActionListener(e -> quickSwitch.accept(account.id()));
            switchMenu.add(item);
        }
    }

    /** Opens the menu with its corner at a screen point, kept inside the screen. */
    public void showAt(int x, int y) {
        if (javax.swing.UIManager.getLookAndFeel() != lafOfPopup) {
            // a hidden popup is not part of any window, so a theme switch did not reach it
            lafOfPopup = javax.swing.UIManager.getLookAndFeel();
            javax.swing.SwingUtilities.updateComponentTreeUI(popup);
        }
        Dimension size = popup.getPreferredSize();
        GraphicsConfiguration gc = owner.getGraphicsConfiguration();
        Rectangle screen = gc.getBounds();
        java.awt.Insets insets = Toolkit.getDefaultToolkit().getScreenInsets(gc);
        int px = Math.min(x, screen.x + screen.width - insets.right - size.width);
        int py = y + size.height > screen.y + screen.height - insets.bottom ? y - size.height : y;
        owner.setLocation(px, py);
        pendingOpen = true;
        if (owner.isVisible() && owner.isFocused()) {
            openPending();
            return;
        }
        owner.setVisible(true);
        owner.toFront();
        fallbackOpen.restart();
    }

    private void openPending() {
        fallbackOpen.stop();
        if (pendingOpen) {
            pendingOpen = false;
            popup.show(owner.getContentPane(), 0, 0);
        }
    }

    public JPopupMenu popup() {
        return popup;
    }

    void close() {
        fallbackOpen.stop();
        popup.setVisible(false);
        owner.dispose();
    }
}
