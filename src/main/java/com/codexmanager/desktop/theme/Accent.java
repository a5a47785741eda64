package com.codexmanager.desktop.theme;

/** The accent colours offered in {@code CODEXMANAGER_UI_ACCENT}, as FlatLaf {@code @accentColor} values. */
public enum Accent {
    BLUE("blue", "#2F6FEB"), PURPLE("purple", "#7C4DDB"), TEAL("teal", "#0F9B8E"), GREEN("green", "#2E9E44"),
    ORANGE("orange", "#E0761A"), PINK("pink", "#D6367F");

    private final String value;
    private final String hex;

    Accent(String value, String hex) {
        this.value = value;
        this.hex = hex;
    }

    public String value() {
        return value;
    }

    public String hex() {
        return hex;
    }

    public static Accent of(String value) {
        for (Accent a : values()) {
            if (a.value.equalsIgnoreCase(value)) {
                return a;
            }
        }
        return BLUE;
    }
}
