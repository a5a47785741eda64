package com.codexmanager.desktop.action;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.ui.Ui;
import java.awt.event.ActionEvent;
import javax.swing.AbstractAction;
import javax.swing.Action;

/** Binds an {@link ActionId} to its handler. Handlers run on the EDT and only start work. EDT only. */
public final class AppAction extends AbstractAction {
    private final ActionId id;
    private final transient Runnable handler;

    public AppAction(ActionId id, Messages messages, Runnable handler) {
        super(messages.text(id.textKey()), Ui.icon(id.icon()));
        this.id = id;
        this.handler = handler;
        putValue(Action.ACTION_COMMAND_KEY, id.componentName());
    }

    public ActionId id() {
        return id;
    }

    @Override
    public void actionPerformed(ActionEvent e) {
        handler.run();
    }
}
