package com.codexmanager.desktop.tray;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.model.PoolSnapshot;
import com.codexmanager.desktop.ui.Formats;

/**
 * The tray icon's tooltip: one short line, because X11 tray hosts show line breaks as nothing (the port ran into
 * the account count) and cut long tooltips at the screen edge; the address is in the menu instead. When the pool's
 * forecast is known it ends with how long the pool lasts at the current rate ("~6 h"), if that still fits.
 * Stateless.
 */
final class TrayTooltip {
    /** Longer tooltips were cut at the screen edge by an X11 tray host next to the corner. */
    static final int MAX_LENGTH = 64;

    private TrayTooltip() {
    }

    static String text(Messages messages, ConnectionStatus connection, PoolSnapshot pool) {
        String state = switch (connection.state()) {
            case CONNECTED -> messages.text("tray.tooltip.running");
            case STOPPED -> messages.text("tray.tooltip.stopped");
            case STARTING -> messages.text("tray.tooltip.starting");
            case CONNECTING -> messages.text("status.connecting");
            case UNREACHABLE, UNAUTHORIZED -> messages.text("tray.tooltip.unreachable");
        };
        String text = connection.connected() && pool.supported()
                ? messages.text("tray.tooltip.withPool", state, pool.usable(), pool.accounts().size())
                : messages.text("tray.tooltip", state);
        if (connection.connected() && pool.forecast().hoursLeft() != null) {
            String lasts = messages.text("tray.tooltip.lasts", text, new Formats(messages,
                    java.time.ZoneId.systemDefault()).lasts(pool.forecast().hoursLeft()));
            if (lasts.length() <= MAX_LENGTH) {
                return lasts; // the forecast is the first thing to go when the line is too long
            }
        }
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }
}
