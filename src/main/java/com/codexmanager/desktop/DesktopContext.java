package com.codexmanager.desktop;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.ConnectionMonitor;
import com.codexmanager.desktop.model.PoolModel;
import com.codexmanager.desktop.rpc.RpcClient;
import com.codexmanager.desktop.theme.LafManager;

/**
 * What panels, dialogs and the tray need: the RPC client, the service control, the job runner, the current
 * language, the connection monitor, the shared account-pool model and the OS platform. Immutable; a language
 * switch makes a new context with {@link #withMessages}.
 */
public record DesktopContext(RpcClient rpc, ServiceControl service, UiJobs jobs, Messages messages,
        ConnectionMonitor monitor, PoolModel pool, DesktopPlatform platform, LafManager laf) {
    public DesktopContext withMessages(Messages newMessages) {
        return new DesktopContext(rpc, service, jobs, newMessages, monitor, pool, platform, laf);
    }

    /** Shortcut for {@code messages().text(key, args)}. */
    public String text(String key, Object... args) {
        return messages.text(key, args);
    }
}
