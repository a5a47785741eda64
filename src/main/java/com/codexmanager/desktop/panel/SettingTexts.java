package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.SettingItem;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the settings page says about each setting of {@code config/Setting.java} (the one list of settings): its label
 * {@code setting.<key>}, its help {@code setting.<key>.help} and the names of its choices
 * {@code setting.<key>.choice.<value>} in the bundles, keyed by the setting's RPC key so that nothing here lists
 * settings again; a bundle test checks that every setting has them in both languages. Also the section titles and
 * which settings are Basic (everything else is Advanced). A setting a newer service knows but this desktop does not
 * still shows, with a label made from its key and the service's English description. Stateless.
 */
final class SettingTexts {
    private SettingTexts() {
    }

    /** The sections in page order; unknown groups follow. */
    static final List<String> GROUP_ORDER = List.of("desktop", "service", "gateway", "jobs", "upstream", "login");

    private static final Map<String, String> GROUPS = Map.of(
            "desktop", "settings.group.desktop",
            "service", "settings.group.service",
            "gateway", "settings.group.gateway",
            "jobs", "settings.group.jobs",
            "upstream", "settings.group.upstream",
            "login", "settings.group.login");

    /**
     * The settings most users change; the rest (engine internals such as concurrency limits, timeouts, the
     * OAuth client) are Advanced.
     */
    static final Set<String> BASIC = Set.of("uiTheme", "uiAccent", "uiLanguage", "uiCloseToTray", "uiStartAtLogin",
            "serviceAddr", "logLevel", "routeStrategy", "headroomHighWaterPercent", "accountMaxInflight",
            "affinityTtlSecs", "claudeModelMap", "requestLogRetentionDays", "upstreamProxyUrl", "disablePolling",
            "usagePollIntervalSecs");

    static String group(Messages messages, String group) {
        String key = GROUPS.get(group);
        return key != null ? messages.text(key) : humanize(group);
    }

    static boolean basic(SettingItem item) {
        return BASIC.contains(item.key());
    }

    /** The bundle key of a setting's label. */
    static String labelKey(String settingKey) {
        return "setting." + settingKey;
    }

    /** The bundle key of a setting's help text. */
    static String helpKey(String settingKey) {
        return "setting." + settingKey + ".help";
    }

    /** The bundle key of the name of one choice of a setting. */
    static String choiceKey(String settingKey, String value) {
        return "setting." + settingKey + ".choice." + value;
    }

    static String label(Messages messages, SettingItem item) {
        String key = labelKey(item.key());
        return messages.has(key) ? messages.text(key) : humanize(item.key());
    }

    static String help(Messages messages, SettingItem item) {
        String key = helpKey(item.key());
        return messages.has(key) ? messages.text(key) : item.description();
    }

    static String choice(Messages messages, String settingKey, String value) {
        String key = choiceKey(settingKey, value);
        return messages.has(key) ? messages.text(key) : value;
    }

    /** {@code usagePollIntervalSecs} → "Usage poll interval secs". */
    static String humanize(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(out.length() == 0 ? Character.toUpperCase(c) : c);
            }
        }
        return out.toString();
    }
}
