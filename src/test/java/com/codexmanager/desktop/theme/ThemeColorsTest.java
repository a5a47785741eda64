package com.codexmanager.desktop.theme;

import static com.codexmanager.desktop.GuiTestSupport.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.desktop.GuiTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.swing.UIManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every app colour in the theme properties parses and resolves to a colour in both looks. */
class ThemeColorsTest {
    private final Logger flatLafLog = Logger.getLogger("com.formdev.flatlaf");
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                problems.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private boolean listening;

    @BeforeEach
    void listen() {
        GuiTestSupport.assumeDisplay();
        flatLafLog.addHandler(recorder);
        listening = true;
    }

    @AfterEach
    void stopListening() {
        if (!listening) {
            return;
        }
        flatLafLog.removeHandler(recorder);
        // the look is JVM-wide: leave the default one for the tests that follow in this JVM
        onEdt(() -> new LafManager(new SystemDarkMode("Linux", name -> null, command -> Optional.empty(),
                java.nio.file.Path.of("."))).apply(UiTheme.LIGHT, Accent.BLUE, false));
    }

    @ParameterizedTest
    @CsvSource({"LIGHT, FlatLightLaf.properties", "DARK, FlatDarkLaf.properties"})
    void every_app_colour_resolves_without_flatlaf_complaints(UiTheme theme, String file) throws IOException {
        Properties keys = new Properties();
        try (InputStream in = LafManager.class.getResourceAsStream(file)) {
            keys.load(in);
        }
        LafManager laf = new LafManager(new SystemDarkMode("Linux", name -> null, command -> Optional.empty(),
                java.nio.file.Path.of(".")));

        onEdt(() -> {
            laf.apply(theme == UiTheme.DARK ? UiTheme.LIGHT : UiTheme.DARK, Accent.BLUE, false);
            laf.apply(theme, Accent.GREEN, false);
        });

        assertThat(problems).isEmpty();
        assertThat(keys.stringPropertyNames()).allSatisfy(key ->
                assertThat(onEdt(() -> UIManager.getColor(key))).as(key).isNotNull());
        assertThat(LafManager.isDark()).isEqualTo(theme == UiTheme.DARK);
    }
}
