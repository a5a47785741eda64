package com.codexmanager.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md and env-samples/codexmanager.env must be exactly what the Setting table generates. */
class SettingsDocsTest {
    private static final String HOW_TO_FIX =
            "out of date: run 'java -cp target/classes com.codexmanager.config.SettingsDocs .' and commit the result";

    @Test
    void readme_settings_table_matches_the_setting_table() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);

        assertThat(readme).as("README.md settings table " + HOW_TO_FIX).isEqualTo(SettingsDocs.withTable(readme));
    }

    @Test
    void env_sample_matches_the_setting_table() throws Exception {
        String sample = Files.readString(SettingsDocs.ENV_SAMPLE, StandardCharsets.UTF_8);

        assertThat(sample).as("env-samples/codexmanager.env " + HOW_TO_FIX).isEqualTo(SettingsDocs.envSample());
    }

    @Test
    void every_setting_appears_in_both_documents() {
        String table = SettingsDocs.markdownTable();
        String sample = SettingsDocs.envSample();
        for (Setting s : Setting.values()) {
            assertThat(table).contains("`" + s.envName() + "`");
            assertThat(sample).contains("# " + s.envName() + "=");
        }
    }

    @Test
    void the_env_sample_parses_to_nothing_because_every_line_is_a_comment() {
        assertThat(EnvFile.parse(SettingsDocs.envSample())).isEmpty();
    }
}
