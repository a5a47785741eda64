package com.codexmanager.desktop.i18n;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void every_key_used_in_the_code_exists_and_every_key_is_used() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
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
        assertThat(Messages.of(Locale.ENGLISH).text("tray.tooltip.pool", 2, 3)).isEqualTo("2 of 3 accounts available");
    }

    @Test
    void system_language_follows_a_chinese_os_locale_and_falls_back_to_english() {
        assertThat(UiLanguage.SYSTEM.locale(Locale.TRADITIONAL_CHINESE)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(UiLanguage.SYSTEM.locale(Locale.GERMANY)).isEqualTo(Locale.ENGLISH);
        assertThat(UiLanguage.of("zh-CN").locale(Locale.US)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Messages.of(Locale.GERMAN).text("page.accounts")).isEqualTo("Accounts");
    }
}
