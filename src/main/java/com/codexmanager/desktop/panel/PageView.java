package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.model.ConnectionStatus;
import javax.swing.JComponent;

/** A page of the main window. All methods run on the EDT. */
public interface PageView {
    JComponent component();

    /** The page became visible: reload what is stale. */
    default void activated() {
    }

    /** The service connection changed (also called once right after the page is built). */
    default void connectionChanged(ConnectionStatus status) {
    }

    /** The shared account pool was reloaded. */
    default void poolChanged(com.codexmanager.desktop.model.PoolSnapshot pool) {
    }

    /** The page is being thrown away (language switch, quit): cancel its work. */
    default void close() {
    }
}
