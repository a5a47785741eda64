package com.codexmanager.desktop.action;

/** Every app-level command, with its i18n key and icon; the tray menu and the window share the same actions. */
public enum ActionId {
    OPEN_DASHBOARD("action.openDashboard", "dashboard"),
    START_SERVICE("action.startService", "play"),
    STOP_SERVICE("action.stopService", "stop"),
    REFRESH_USAGE("action.refreshUsage", "refresh"),
    COPY_GATEWAY_URL("action.copyGatewayUrl", "copy"),
    OPEN_SETTINGS("action.openSettings", "settings"),
    QUIT("action.quit", "quit");

    private final String textKey;
    private final String icon;

    ActionId(String textKey, String icon) {
        this.textKey = textKey;
        this.icon = icon;
    }

    public String textKey() {
        return textKey;
    }

    public String icon() {
        return icon;
    }

    /** The component name menus give the item, e.g. {@code action.quit}, for tests. */
    public String componentName() {
        return textKey;
    }
}
