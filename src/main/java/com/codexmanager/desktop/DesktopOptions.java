package com.codexmanager.desktop;

import com.codexmanager.module.ServiceOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How to run the desktop: the embedded service's options (which carry the environment), whether a tray icon may be
 * used, the OS locale for "follow the system", the OS platform, and the polling intervals. Immutable.
 */
public record DesktopOptions(ServiceOptions service, boolean trayAllowed, Locale osLocale, DesktopPlatform platform,
        Duration connectedCheckInterval, Duration retryInterval, Duration poolInterval) {
    /** The real process: tray if available, the OS locale, the real clipboard, browser and autostart folder. */
    public static DesktopOptions forProcess(Map<String, String> env) {
        return forProcess(ServiceOptions.forProcess(env));
    }

    /** As {@link #forProcess(Map)} with the launcher's service options (they know the env file). */
    public static DesktopOptions forProcess(ServiceOptions service) {
        return new DesktopOptions(service, true, Locale.getDefault(), DesktopPlatform.system(service.env()),
                Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofSeconds(30));
    }

    public Map<String, String> env() {
        return service.env();
    }

    public DesktopOptions withTrayAllowed(boolean allowed) {
        return new DesktopOptions(service, allowed, osLocale, platform, connectedCheckInterval, retryInterval,
                poolInterval);
    }
}
