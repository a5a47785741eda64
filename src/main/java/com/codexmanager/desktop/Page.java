package com.codexmanager.desktop;

import java.util.Locale;
import java.util.Optional;

/** The five pages of the main window, in sidebar order, with their i18n title key and sidebar icon. */
public enum Page {
    DASHBOARD("page.dashboard", "dashboard"),
    ACCOUNTS("page.accounts", "accounts"),
    KEYS("page.keys", "keys"),
    LOGS("page.logs", "logs"),
    SETTINGS("page.settings", "settings");

    private final String titleKey;
    private final String icon;

    Page(String titleKey, String icon) {
        this.titleKey = titleKey;
        this.icon = icon;
    }

    public String titleKey() {
        return titleKey;
    }

    /** Icon resource under {@code com/codexmanager/desktop/icons/}. */
    public String iconPath() {
        return "com/codexmanager/desktop/icons/" + icon + ".svg";
    }

    /** The id used by {@code desktop/show} and component names, e.g. {@code accounts}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Page> byId(String id) {
        for (Page p : values()) {
            if (p.id().equalsIgnoreCase(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
