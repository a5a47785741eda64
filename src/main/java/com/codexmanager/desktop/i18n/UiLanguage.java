package com.codexmanager.desktop.i18n;

import java.util.Locale;

/** The desktop languages, as stored in {@code CODEXMANAGER_UI_LANGUAGE}. */
public enum UiLanguage {
    SYSTEM("system"), ZH_CN("zh-CN"), EN("en");

    private final String value;

    UiLanguage(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Parses a stored value; anything unknown follows the system. */
    public static UiLanguage of(String value) {
        for (UiLanguage l : values()) {
            if (l.value.equalsIgnoreCase(value)) {
                return l;
            }
        }
        return SYSTEM;
    }

    /** The locale to show: Chinese for any Chinese OS locale when following the system, else English. */
    public Locale locale(Locale osLocale) {
        return switch (this) {
            case ZH_CN -> Locale.SIMPLIFIED_CHINESE;
            case EN -> Locale.ENGLISH;
            case SYSTEM -> "zh".equals(osLocale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        };
    }
}
