package com.codexmanager.desktop.theme;

import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.desktop.i18n.UiLanguage;
import com.google.gson.JsonObject;

/**
 * The look the user chose: theme, accent, language and close-to-tray, read from the {@code appSettings/get}
 * values. Immutable.
 */
public record Appearance(UiTheme theme, Accent accent, UiLanguage language, boolean closeToTray) {
    public static final Appearance DEFAULT = new Appearance(UiTheme.SYSTEM, Accent.BLUE, UiLanguage.SYSTEM, true);

    /** Reads {@code uiTheme}, {@code uiAccent}, {@code uiLanguage}, {@code uiCloseToTray}; absent keys: defaults. */
    public static Appearance fromValues(JsonObject values) {
        return new Appearance(
                UiTheme.of(text(values, "uiTheme", DEFAULT.theme.value())),
                Accent.of(text(values, "uiAccent", DEFAULT.accent.value())),
                UiLanguage.of(text(values, "uiLanguage", DEFAULT.language.value())),
                !values.has("uiCloseToTray") || values.get("uiCloseToTray").isJsonNull()
                        || values.get("uiCloseToTray").getAsBoolean());
    }

    /** The look as far as the environment alone says (before the service's stored settings can be read). */
    public static Appearance fromEnvironment(Settings settings) {
        JsonObject values = new JsonObject();
        values.addProperty("uiTheme", settings.text(Setting.UI_THEME));
        values.addProperty("uiAccent", settings.text(Setting.UI_ACCENT));
        values.addProperty("uiLanguage", settings.text(Setting.UI_LANGUAGE));
        return fromValues(values);
    }

    private static String text(JsonObject values, String key, String fallback) {
        return values.has(key) && !values.get(key).isJsonNull() ? values.get(key).getAsString() : fallback;
    }
}
