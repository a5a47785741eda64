package com.codexmanager.desktop;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.codexmanager.desktop.autostart.AutostartEntry;
import com.codexmanager.desktop.autostart.LaunchCommand;
import com.codexmanager.desktop.autostart.LinuxAutostart;
import com.codexmanager.module.ServiceOptions;
import java.awt.Component;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;

/** Shared helpers of the GUI tests: display check, EDT access, bounded waits, screenshots, fake platform. */
public final class GuiTestSupport {
    private GuiTestSupport() {
    }

    /** Skips the test (cleanly, with a reason) when there is no display, e.g. {@code mvn verify} without Xvfb. */
    public static void assumeDisplay() {
        assumeFalse(System.getenv().getOrDefault("DISPLAY", "").isBlank(),
                "no DISPLAY: GUI tests run under xvfb-run");
        assumeFalse(GraphicsEnvironment.isHeadless(), "headless JVM: GUI tests run under xvfb-run");
    }

    public static void assumeTrayHost() {
        assumeTrue(java.awt.SystemTray.isSupported(), "no tray host (start trayer): tray assertions skipped");
    }

    /**
     * Caps how long AssertJ-Swing waits for a combo's popup or a component to show (30 s by default): under load
     * a missed click could otherwise stall a test for half a minute before its retry.
     */
    public static void boundPopupWaits(org.assertj.swing.core.Robot robot) {
        robot.settings().timeoutToFindPopup(4000);
        robot.settings().timeoutToBeVisible(8000);
    }

    /**
     * Chooses the combo item shown as {@code item} on the EDT, which fires the same listeners as a mouse pick. For
     * retries after the real mouse missed (seen only under full-suite load).
     */
    public static void chooseOnEdt(javax.swing.JComboBox<?> combo, String item) {
        onEdt(() -> {
            for (int i = 0; i < combo.getItemCount(); i++) {
                if (String.valueOf(combo.getItemAt(i)).equals(item)) {
                    combo.setSelectedIndex(i);
                    return;
                }
            }
            throw new AssertionError(item + " is not an item of " + combo.getName());
        });
    }

    /** Runs {@code work} on the EDT and returns its result. */
    public static <T> T onEdt(Supplier<T> work) {
        if (SwingUtilities.isEventDispatchThread()) {
            return work.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> result.set(work.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return result.get();
    }

    public static void onEdt(Runnable work) {
        onEdt(() -> {
            work.run();
            return null;
        });
    }

    /** Polls {@code condition} on the EDT every 20 ms until it holds, failing after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!onEdt(condition::getAsBoolean)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(10), condition);
    }

    /** Paints {@code component} (a window's root pane includes FlatLaf's title bar) into target/screenshots. */
    public static Path screenshot(Component component, String name) {
        return screenshot(List.of(component), name);
    }

    /**
     * Paints shown components that sit in windows of their own (a menu and its open submenu) into one image, each
     * where it is on the screen, into target/screenshots.
     */
    public static Path screenshot(List<? extends Component> parts, String name) {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Path file = dir.resolve(name + ".png");
        BufferedImage image = onEdt(() -> {
            java.awt.Rectangle area = null;
            for (Component part : parts) {
                java.awt.Rectangle bounds = parts.size() == 1 ? new java.awt.Rectangle(part.getSize())
                        : new java.awt.Rectangle(part.getLocationOnScreen(), part.getSize());
                area = area == null ? bounds : area.union(bounds);
            }
            BufferedImage img = new BufferedImage(area.width, area.height, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = img.createGraphics();
            g.setColor(javax.swing.UIManager.getColor("Panel.background"));
            g.fillRect(0, 0, area.width, area.height);
            for (Component part : parts) {
                java.awt.Point at = parts.size() == 1 ? new java.awt.Point() : part.getLocationOnScreen();
                java.awt.Graphics2D partGraphics = (java.awt.Graphics2D) g.create(at.x - area.x, at.y - area.y,
                        part.getWidth(), part.getHeight());
                part.paint(partGraphics);
                partGraphics.dispose();
            }
            g.dispose();
            return img;
        });
        try {
            Files.createDirectories(dir);
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Environment of a desktop with its own data dir, a free port and no usage polling. */
    public static Map<String, String> env(Path dataDir, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CODEXMANAGER_DB_PATH", dataDir.resolve("codexmanager.mv.db").toString());
        env.put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:0");
        env.put("CODEXMANAGER_DISABLE_POLLING", "1");
        env.put("DISPLAY", System.getenv().getOrDefault("DISPLAY", ""));
        env.putAll(extra);
        return env;
    }

    public static DesktopOptions options(Map<String, String> env, boolean tray, RecordingPlatform platform) {
        return new DesktopOptions(ServiceOptions.forTest(env, java.time.Clock.systemUTC()), tray, Locale.ENGLISH,
                platform, Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(1));
    }

    /**
     * Records clipboard and browser use instead of touching the OS; the autostart entry is a Linux one in a folder
     * under {@code target/} unless a test points it elsewhere, and the user's home is another such folder.
     * Thread-safe.
     */
    public static final class RecordingPlatform implements DesktopPlatform {
        private final List<String> copied = new ArrayList<>();
        private final List<URI> browsed = new ArrayList<>();
        private volatile AutostartEntry autostart = linuxAutostart(
                Path.of("target", "test-autostart", java.util.UUID.randomUUID().toString()));
        private final Path home = Path.of("target", "test-home", java.util.UUID.randomUUID().toString())
                .toAbsolutePath();

        public static AutostartEntry linuxAutostart(Path dir) {
            return new LinuxAutostart(dir, new LaunchCommand(List.of("/opt/codexmanager/bin/CodexManager")));
        }

        public void useAutostart(AutostartEntry entry) {
            autostart = entry;
        }

        /** A folder of its own under {@code target/}, created on first use, where file choosers open. */
        @Override
        public Path userHome() {
            try {
                return Files.createDirectories(home);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public AutostartEntry autostart() {
            return autostart;
        }

        @Override
        public synchronized void copy(String text) {
            copied.add(text);
        }

        @Override
        public synchronized boolean browse(URI uri) {
            browsed.add(uri);
            return true;
        }

        public synchronized List<String> copied() {
            return List.copyOf(copied);
        }

        public synchronized List<URI> browsed() {
            return List.copyOf(browsed);
        }
    }
}
