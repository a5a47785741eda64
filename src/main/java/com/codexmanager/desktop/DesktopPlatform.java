package com.codexmanager.desktop;

import com.codexmanager.desktop.autostart.AutostartEntry;
import com.codexmanager.desktop.autostart.LaunchCommand;
import com.codexmanager.desktop.autostart.UnavailableAutostart;
import java.awt.Desktop;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS services the UI uses: the clipboard, the web browser, the start-at-login entry and the user's home folder.
 * Tests pass a recording fake.
 */
public interface DesktopPlatform {
    void copy(String text);

    /** Opens {@code uri} in the browser; returns false when the OS cannot (the UI then shows the URL to copy). */
    boolean browse(URI uri);

    /** The OS entry that starts the desktop at login. */
    AutostartEntry autostart();

    /** The user's home folder, where file choosers open. */
    Path userHome();

    /**
     * The user's home: {@code HOME} (or {@code USERPROFILE} on Windows) from the environment the app was started
     * with, else the JVM's {@code user.home}, which can name another folder (a service account's, or one fixed when a
     * packaged launcher was built).
     */
    static Path userHome(Map<String, String> env) {
        for (String name : List.of("HOME", "USERPROFILE")) {
            String value = env.get(name);
            if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
                return Path.of(value);
            }
        }
        return Path.of(System.getProperty("user.home", "."));
    }

    /** The real clipboard, browser and autostart entry ({@code env} locates the latter). */
    static DesktopPlatform system(Map<String, String> env) {
        Path home = userHome(env);
        String os = System.getProperty("os.name", "");
        AutostartEntry autostart = LaunchCommand.current()
                .map(command -> AutostartEntry.forOs(os, env, home, command))
                .orElseGet(() -> new UnavailableAutostart(AutostartEntry.forOs(os, env, home,
                        new LaunchCommand(List.of("codexmanager")))));
        return new DesktopPlatform() {
            private final Logger log = LoggerFactory.getLogger(DesktopPlatform.class);

            @Override
            public AutostartEntry autostart() {
                return autostart;
            }

            @Override
            public Path userHome() {
                return home;
            }

            @Override
            public void copy(String text) {
                StringSelection selection = new StringSelection(text);
                Toolkit.getDefaultToolkit().getSystemClipboard().setContents(selection, selection);
            }

            @Override
            public boolean browse(URI uri) {
                if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                    return false;
                }
                try {
                    Desktop.getDesktop().browse(uri);
                    return true;
                } catch (IOException | UnsupportedOperationException | SecurityException e) {
                    log.info("Cannot open the browser: {}", e.toString());
                    return false;
                }
            }
        };
    }
}
