package com.codexmanager.desktop;

import java.util.function.Consumer;

/**
 * Carries "show yourself" requests from a second launch (arriving as the {@code desktop/show} RPC on the service's
 * threads) to the app, remembering one request that arrives before the app is ready. Thread-safe.
 */
public final class FocusRequests {
    private Consumer<String> handler;
    private String pending;

    /** @param page the page to show, e.g. {@code dashboard} */
    public synchronized void request(String page) {
        if (handler == null) {
            pending = page;
        } else {
            handler.accept(page);
        }
    }

    /** Installs the handler (which must hop to the EDT itself) and replays a pending request. */
    public synchronized void onRequest(Consumer<String> newHandler) {
        this.handler = newHandler;
        if (pending != null) {
            newHandler.accept(pending);
            pending = null;
        }
    }
}
