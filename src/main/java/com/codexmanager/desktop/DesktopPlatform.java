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
 * The OS services the UI uses: the clipboard, the web browser and the start-at-login entry. Tests pass a recording
 * fake.
 */
public interface DesktopPlatform {
    void copy(String text);

    /** Opens {@code uri} in the browser; returns false when the OS cannot (the UI then shows the URL to copy). */
    boolean browse(URI uri);

    /** The OS entry that starts the desktop at login. */
    AutostartEntry autostart();

    /** The real clipboard, browser and autostart entry ({@code env} locates the latter). */
    static DesktopPlatform system(Map<String, String> env) {
        Path home = Path.of(System.getProperty("user.home"));
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
