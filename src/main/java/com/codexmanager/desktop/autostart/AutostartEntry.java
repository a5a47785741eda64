package com.codexmanager.desktop.autostart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The OS entry that launches the desktop when the user logs in: an XDG autostart file on Linux, a LaunchAgent
 * plist on macOS, a {@code .cmd} in the Startup folder on Windows. Implementations touch only {@link #file()};
 * they are stateless apart from that path and safe to call from any one thread at a time.
 */
public interface AutostartEntry {
    /** Writes (or rewrites) the entry atomically, owner-only where the file system supports it. */
    void install() throws IOException;

    /** Deletes the entry; nothing happens when it is absent. */
    void remove() throws IOException;

    boolean isInstalled();

    /** Where the entry lives. */
    Path file();

    /** Installs when {@code enabled}, else removes. */
    default void apply(boolean enabled) throws IOException {
        if (enabled) {
            install();
        } else {
            remove();
        }
    }

    /**
     * The entry for this OS.
     *
     * @param env      the process environment (XDG_CONFIG_HOME, APPDATA)
     * @param userHome the user's home folder
     */
    static AutostartEntry forOs(String osName, Map<String, String> env, Path userHome, LaunchCommand command) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData == null || appData.isBlank() ? userHome.resolve("AppData").resolve("Roaming")
                    : Path.of(appData);
            return new WindowsAutostart(base.resolve("Microsoft").resolve("Windows").resolve("Start Menu")
                    .resolve("Programs").resolve("Startup"), command);
        }
        if (os.startsWith("mac")) {
            return new MacAutostart(userHome.resolve("Library").resolve("LaunchAgents"), command);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg == null || xdg.isBlank() || !Path.of(xdg).isAbsolute() ? userHome.resolve(".config")
                : Path.of(xdg);
        return new LinuxAutostart(config.resolve("autostart"), command);
    }
}
