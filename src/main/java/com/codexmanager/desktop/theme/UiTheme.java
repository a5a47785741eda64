package com.codexmanager.desktop.theme;

/** The theme choices stored in {@code CODEXMANAGER_UI_THEME}. */
public enum UiTheme {
    SYSTEM("system"), LIGHT("light"), DARK("dark");

    private final String value;

    UiTheme(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static UiTheme of(String value) {
        for (UiTheme t : values()) {
            if (t.value.equalsIgnoreCase(value)) {
                return t;
            }
        }
        return SYSTEM;
    }
}
