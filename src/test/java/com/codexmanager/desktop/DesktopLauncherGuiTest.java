package com.codexmanager.desktop;

import static com.codexmanager.desktop.GuiTestSupport.await;
import static com.codexmanager.desktop.GuiTestSupport.onEdt;
import static com.codexmanager.desktop.GuiTestSupport.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.testkit.ServiceHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Startup paths: a second launch focuses the first; remote mode; the headless decision. */
class DesktopLauncherGuiTest {
    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final GuiTestSupport.RecordingPlatform platform = new GuiTestSupport.RecordingPlatform();
    private RunningDesktop desktop;
    private ServiceHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (desktop != null) {
            desktop.quit(20, TimeUnit.SECONDS);
        }
        if (harness != null) {
            harness.close();
        }
    }

    private DesktopLauncher.Started launch(Map<String, String> env) {
        return DesktopLauncher.start(GuiTestSupport.options(env, false, platform),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_second_launch_shows_the_running_window_and_exits_zero() {
        GuiTestSupport.assumeDisplay();
        Map<String, String> env = GuiTestSupport.env(dataDir, Map.of());
        desktop = launch(env).desktop().orElseThrow();
        onEdt(() -> {
            desktop.app().window().show(Page.LOGS);
            desktop.app().window().hide();
        });

        DesktopLauncher.Started second = launch(env);

        assertThat(second.exitCode()).isZero();
        assertThat(second.desktop()).isEmpty();
        assertThat(errText()).contains("already running; showing its window");
        await("first window shown", () -> desktop.app().window().frame().isVisible()
                && desktop.app().window().currentPage() == Page.DASHBOARD);
    }

    @Test
    void the_launch_logs_how_long_the_first_window_took_to_show_account_data() {
        GuiTestSupport.assumeDisplay();
        Path log = dataDir.resolve("logs/codexmanager.log");

        desktop = launch(GuiTestSupport.env(dataDir, Map.of("CODEXMANAGER_UI_THEME", "dark"))).desktop()
                .orElseThrow();

        await("ready line in the log", () -> read(log).contains("Desktop ready:"));
        assertThat(read(log)).containsPattern("Desktop ready: \\d+ ms after process start \\(service up at \\d+ ms, "
                + "window shown at \\d+ ms\\)");
        assertThat(onEdt(() -> desktop.app().window().frame().isShowing() && com.codexmanager.desktop.theme.LafManager.isDark())).isTrue();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void remote_mode_connects_to_a_running_service_and_shows_a_banner_when_it_goes_away() {
        GuiTestSupport.assumeDisplay();
        harness = ServiceHarness.start(dataDir.resolve("service"));
        Map<String, String> env = Map.of("CODEXMANAGER_NO_SERVICE", "1",
                "CODEXMANAGER_SERVICE_ADDR", harness.baseUrl().replace("http://", ""),
                "CODEXMANAGER_RPC_TOKEN", harness.rpcToken(),
                "CODEXMANAGER_DB_PATH", dataDir.resolve("desktop/codexmanager.mv.db").toString());

        desktop = launch(env).desktop().orElseThrow();

        await("connected", () -> desktop.app().context().monitor().current().connected());
        assertThat(desktop.service().embedded()).isFalse();
        assertThat(desktop.service().endpoint().baseUrl()).isEqualTo(harness.baseUrl());

        harness.close();
        harness = null;

        await("unreachable", Duration.ofSeconds(10), () -> desktop.app().context().monitor().current().state()
                == ConnectionStatus.State.UNREACHABLE);
        await("banner", () -> desktop.app().window().frame().getRootPane().isShowing());
        screenshot(desktop.app().window().frame().getRootPane(), "main-service-unreachable-light");
    }

    @Test
    void remote_mode_without_a_token_exits_two_with_a_clear_message() {
        DesktopLauncher.Started started = launch(Map.of("CODEXMANAGER_NO_SERVICE", "1",
                "CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:9",
                "CODEXMANAGER_DB_PATH", dataDir.resolve("codexmanager.mv.db").toString()));

        assertThat(started.exitCode()).isEqualTo(2);
        assertThat(errText()).contains("CODEXMANAGER_RPC_TOKEN");
    }

    @Test
    void no_display_on_linux_means_service_only() {
        assertThat(DesktopLauncher.headlessReason(Map.of(), "Linux")).contains("no DISPLAY is set");
        assertThat(DesktopLauncher.headlessReason(Map.of("DISPLAY", " "), "FreeBSD")).isPresent();
    }

    @Test
    void a_display_means_windows() {
        GuiTestSupport.assumeDisplay();

        assertThat(DesktopLauncher.headlessReason(Map.of("DISPLAY", System.getenv("DISPLAY")), "Linux"))
                .isEqualTo(Optional.empty());
    }
}
