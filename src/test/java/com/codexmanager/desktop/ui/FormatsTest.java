package com.codexmanager.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.desktop.i18n.Messages;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The usage texts of bars and table cells say what is left ("% left"), in the language of the UI. */
class FormatsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:30:00Z");
    private static final Instant LATER_TODAY = Instant.parse("2026-12-07T14:05:00Z");
    private static final Instant NEXT_WEEK = Instant.parse("2026-12-14T06:49:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en    | 5h · 56% left · resets 14:05 | 7d · 0% left · resets 12-14 06:49 | 5h · 56% left"
                    + " | 56% left · 14:05 | 5h · usage unknown",
            "zh-CN | 5小时 · 剩余 56% · 14:05 重置 | 7天 · 剩余 0% · 12-14 06:49 重置 | 5小时 · 剩余 56%"
                    + " | 剩余 56% · 14:05 | 5小时 · 用量未知"})
    void a_usage_window_says_how_much_is_left_and_when_it_resets(String language, String today, String later,
            String noReset, String cell, String unknown) {
        Messages messages = Messages.of(Locale.forLanguageTag(language));
        Formats formats = new Formats(messages, ZoneOffset.UTC);
        String fiveHours = messages.text("usage.fiveHours");
        String sevenDays = messages.text("usage.sevenDays");

        assertThat(formats.window(fiveHours, 43.6, LATER_TODAY, NOW)).isEqualTo(today);
        assertThat(formats.window(sevenDays, 100.4, NEXT_WEEK, NOW)).as("used past 100 %").isEqualTo(later);
        assertThat(formats.window(fiveHours, 44.0, null, NOW)).isEqualTo(noReset);
        assertThat(formats.shortWindow(44.0, LATER_TODAY, NOW)).isEqualTo(cell);
        assertThat(formats.window(fiveHours, null, LATER_TODAY, NOW)).isEqualTo(unknown);
    }
}
