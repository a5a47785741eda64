package com.codexmanager.settings;

import com.codexmanager.config.Setting;
import com.codexmanager.config.SettingSource;
import com.codexmanager.config.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code appSettings/get} result: every setting with its value, where the value came from and whether the
 * desktop may edit it. Secret values are never included, only whether they are set. Immutable.
 */
public record AppSettingsView(Map<String, Object> values, List<Item> settings) {
    /**
     * One setting as the settings page shows it. {@code value} is {@code null} for secrets; proxy URLs carry
     * {@code ***} instead of their password. {@code source} is {@code environment}, {@code envFile} (then
     * {@code sourcePath} is the file), {@code stored} or {@code default}; {@code pinnedByEnv} is true for the first
     * two, whose values cannot be changed over RPC.
     */
    public record Item(String key, String env, String group, String type, Object value, String defaultValue,
            boolean isSet, String source, String sourcePath, boolean editable, boolean pinnedByEnv,
            boolean requiresRestart, List<String> choices, Long min, Long max, String description) {
    }

    public static AppSettingsView of(Settings settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        for (Setting s : Setting.values()) {
            Object value = s.secret() ? null : typed(settings, s);
            if (!s.secret()) {
                values.put(s.key(), value);
            }
            SettingSource source = settings.source(s);
            boolean pinned = source.pinned();
            String sourcePath = source == SettingSource.ENV_FILE ? String.valueOf(settings.envFile().file()) : null;
            items.add(new Item(s.key(), s.envName(), s.group().name().toLowerCase(Locale.ROOT),
                    s.type().name().toLowerCase(Locale.ROOT), value, s.secret() ? "" : s.defaultValue(),
                    settings.isSet(s), source.key(), sourcePath, !s.locked() && !pinned, pinned,
                    s.restartRequired(), s.choices(), s.hasBounds() ? s.min() : null, s.hasBounds() ? s.max() : null,
                    s.description()));
        }
        return new AppSettingsView(values, items);
    }

    private static Object typed(Settings settings, Setting s) {
        return switch (s.type()) {
            case INTEGER -> settings.number(s);
            case BOOLEAN, FLAG -> settings.enabled(s);
            default -> settings.shown(s);
        };
    }
}
