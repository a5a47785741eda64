package com.codexmanager.desktop.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.config.Setting;
import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.SettingItem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The settings page's texts and levels against the settings table ({@code config/Setting.java}). */
class SettingTextsTest {
    private static SettingItem item(Setting s) {
        return new SettingItem(s.key(), s.envName(), s.group().name().toLowerCase(Locale.ROOT), "string", "", "",
                false, "default", true, false, false, s.choices(), null, null, s.description());
    }

    @Test
    void basic_settings_are_settings_of_the_table_and_engine_internals_are_advanced() {
        Set<String> keys = Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.toSet());

        assertThat(keys).containsAll(SettingTexts.BASIC);
        for (Setting internal : List.of(Setting.GATEWAY_MAX_INFLIGHT, Setting.CLIENT_ID, Setting.ISSUER,
                Setting.ACCOUNT_IMPORT_BATCH_SIZE)) {
            assertThat(SettingTexts.basic(item(internal))).as(internal.key()).isFalse();
        }
        assertThat(SettingTexts.basic(item(Setting.UI_THEME))).isTrue();
    }

    @Test
    void every_section_of_the_table_has_a_title_in_both_languages() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Messages messages = Messages.of(locale);
            for (Setting.Group group : Setting.Group.values()) {
                String name = group.name().toLowerCase(Locale.ROOT);
                assertThat(SettingTexts.GROUP_ORDER).contains(name);
                assertThat(SettingTexts.group(messages, name)).doesNotStartWith("!");
            }
        }
    }

    /** Bug: 中文 settings showed generated English labels and the English service description as help. */
    @Test
    void no_setting_shows_a_generated_label_or_the_service_description_in_either_language() {
        Set<String> generated = new TreeSet<>();
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Messages messages = Messages.of(locale);
            for (Setting s : Setting.values()) {
                if (SettingTexts.label(messages, item(s)).equals(SettingTexts.humanize(s.key()))
                        || SettingTexts.help(messages, item(s)).equals(s.description())) {
                    generated.add(locale + " " + s.key());
                }
            }
        }

        assertThat(generated).isEmpty();
    }

    @Test
    void a_setting_this_desktop_does_not_know_still_shows_with_a_label_from_its_key() {
        SettingItem future = new SettingItem("shinyNewThing", "CODEXMANAGER_SHINY_NEW_THING", "gateway", "string", "",
                "", false, "default", true, false, false, List.of(), null, null, "Does shiny things.");
        Messages messages = Messages.of(Locale.ENGLISH);

        assertThat(SettingTexts.label(messages, future)).isEqualTo("Shiny new thing");
        assertThat(SettingTexts.help(messages, future)).isEqualTo("Does shiny things.");
        assertThat(SettingTexts.basic(future)).isFalse();
    }
}
