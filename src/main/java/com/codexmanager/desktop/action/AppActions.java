package com.codexmanager.desktop.action;

import com.codexmanager.desktop.i18n.Messages;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** The app's actions for one language; rebuilt when the language changes. EDT only. */
public final class AppActions {
    private final Map<ActionId, AppAction> actions = new EnumMap<>(ActionId.class);

    public AppActions(Messages messages, Function<ActionId, Runnable> handlers) {
        for (ActionId id : ActionId.values()) {
            actions.put(id, new AppAction(id, messages, handlers.apply(id)));
        }
    }

    public AppAction get(ActionId id) {
        return actions.get(id);
    }
}
