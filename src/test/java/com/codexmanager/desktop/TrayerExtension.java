package com.codexmanager.desktop;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts Debian's {@code trayer} (a system-tray host) for a test class when a display is set and the program is
 * installed, and stops it afterwards. Without it the tray tests skip their tray assertions.
 */
public final class TrayerExtension implements BeforeAllCallback, AfterAllCallback {
    private Process trayer;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String display = System.getenv().getOrDefault("DISPLAY", "");
        if (display.isBlank() || !onPath("trayer")) {
            return;
        }
        trayer = new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel",
                "--width", "120", "--height", "24").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // trayer needs a moment to claim the tray selection; poll the same check AWT does
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (!java.awt.SystemTray.isSupported() && Instant.now().isBefore(deadline) && trayer.isAlive()) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (trayer != null) {
            trayer.destroy();
            if (!trayer.waitFor(5, TimeUnit.SECONDS)) {
                trayer.destroyForcibly();
            }
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
