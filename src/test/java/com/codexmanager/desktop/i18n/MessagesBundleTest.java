package com.codexmanager.desktop.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The English and Simplified Chinese bundles match each other and the keys the desktop code uses. */
class MessagesBundleTest {
    private static final Path SOURCES = Path.of("src/main/java/com/codexmanager/desktop");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)+)\"");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesBundleTest.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> literalsInSources() throws IOException {
        Set<String> literals = new HashSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    literals.add(m.group(1));
                }
            }
        }
        return literals;
    }

    @Test
    void chinese_and_english_bundles_have_the_same_keys() throws IOException {
        Set<String> english = load("messages.properties").stringPropertyNames();
        Set<String> chinese = load("messages_zh_CN.properties").stringPropertyNames();

        assertThat(new TreeSet<>(chinese)).isEqualTo(new TreeSet<>(english));
    }

    /** The label, help and choice keys of every setting of the table, as the settings page derives them. */
    private static Set<String> settingKeys() {
        Set<String> keys = new TreeSet<>();
        for (Setting s : Setting.values()) {
            keys.add("setting." + s.key());
            keys.add("setting." + s.key() + ".help");
            s.choices().forEach(c -> keys.add("setting." + s.key() + ".choice." + c));
        }
        return keys;
    }

    @Test
    void every_key_used_in_the_code_exists_and_every_key_is_used() throws IOException {
        Set<String> keys = new TreeSet<>(load("messages.properties").stringPropertyNames());
        keys.removeAll(settingKeys());
        Set<String> prefixes = new HashSet<>();
        keys.forEach(k -> prefixes.add(k.substring(0, k.indexOf('.'))));
        Set<String> literals = literalsInSources();

        Set<String> missing = new TreeSet<>();
        literals.stream().filter(l -> prefixes.contains(l.substring(0, l.indexOf('.'))))
                .filter(l -> !keys.contains(l)).forEach(missing::add);
        Set<String> unused = new TreeSet<>(keys);
        unused.removeAll(literals);

        assertThat(missing).as("keys used in code but missing from the bundle").isEmpty();
        assertThat(unused).as("bundle keys no code uses").isEmpty();
    }

    /** Bug: about 20 settings showed generated English labels ("Sse keepalive interval ms"), also in Chinese. */
    @Test
    void every_setting_of_the_table_has_a_label_help_and_choice_names_in_both_languages() throws IOException {
        for (String bundle : new String[] {"messages.properties", "messages_zh_CN.properties"}) {
            Set<String> missing = new TreeSet<>(settingKeys());
            missing.removeAll(load(bundle).stringPropertyNames());

            assertThat(missing).as("setting texts missing from " + bundle).isEmpty();
        }
    }

    @Test
    void the_bundles_name_no_setting_the_table_does_not_have() throws IOException {
        Set<String> stale = new TreeSet<>();
        load("messages.properties").stringPropertyNames().stream().filter(k -> k.startsWith("setting."))
                .filter(k -> !settingKeys().contains(k)).forEach(stale::add);

        assertThat(stale).isEmpty();
    }

    @Test
    void chinese_setting_texts_are_chinese() throws IOException {
        Properties chinese = load("messages_zh_CN.properties");
        Pattern han = Pattern.compile("\\p{IsHan}");

        for (Setting s : Setting.values()) {
            for (String key : new String[] {"setting." + s.key(), "setting." + s.key() + ".help"}) {
                assertThat(han.matcher(chinese.getProperty(key)).find()).as(key + " = " + chinese.getProperty(key))
                        .isTrue();
            }
        }
    }

    /** MessageFormat drops an ASCII apostrophe (and what follows it up to the next one). */
    @Test
    void no_text_uses_an_ascii_apostrophe() throws IOException {
        for (String bundle : new String[] {"messages.properties", "messages_zh_CN.properties"}) {
            Properties texts = load(bundle);
            Set<String> withApostrophe = new TreeSet<>();
            texts.stringPropertyNames().stream().filter(k -> texts.getProperty(k).contains("'"))
                    .forEach(withApostrophe::add);

            assertThat(withApostrophe).as(bundle).isEmpty();
        }
    }

    @Test
    void chinese_text_is_real_chinese_and_placeholders_match() throws IOException {
        Properties english = load("messages.properties");
        Properties chinese = load("messages_zh_CN.properties");
        Pattern placeholder = Pattern.compile("\\{\\d}");

        for (String key : english.stringPropertyNames()) {
            Set<String> en = new TreeSet<>(placeholder.matcher(english.getProperty(key)).results()
                    .map(r -> r.group()).toList());
            Set<String> zh = new TreeSet<>(placeholder.matcher(chinese.getProperty(key)).results()
                    .map(r -> r.group()).toList());
            assertThat(zh).as("placeholders of " + key).isEqualTo(en);
        }
        assertThat(Messages.of(Locale.SIMPLIFIED_CHINESE).text("page.accounts")).isEqualTo("账号管理");
        assertThat(Messages.of(Locale.ENGLISH).text("keys.count", 1)).isEqualTo("1 key");
        assertThat(Messages.of(Locale.ENGLISH).text("keys.count", 3)).isEqualTo("3 keys");
        assertThat(Messages.of(Locale.SIMPLIFIED_CHINESE).text("keys.count", 1)).isEqualTo("共 1 个密钥");
    }

    @Test
    void system_language_follows_a_chinese_os_locale_and_falls_back_to_english() {
        assertThat(UiLanguage.SYSTEM.locale(Locale.TRADITIONAL_CHINESE)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(UiLanguage.SYSTEM.locale(Locale.GERMANY)).isEqualTo(Locale.ENGLISH);
        assertThat(UiLanguage.of("zh-CN").locale(Locale.US)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Messages.of(Locale.GERMAN).text("page.accounts")).isEqualTo("Accounts");
    }
}
