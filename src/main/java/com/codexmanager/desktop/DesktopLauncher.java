package com.codexmanager.desktop;

import com.codexmanager.config.DataDir;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.model.ConnectionMonitor;
import com.codexmanager.desktop.model.GatewayApi;
import com.codexmanager.desktop.model.LogsApi;
import com.codexmanager.desktop.model.PoolModel;
import com.codexmanager.desktop.rpc.RpcCall;
import com.codexmanager.desktop.rpc.RpcCallException;
import com.codexmanager.desktop.rpc.RpcClient;
import com.codexmanager.desktop.rpc.RpcEndpoint;
import com.codexmanager.desktop.theme.Appearance;
import com.codexmanager.desktop.theme.LafManager;
import com.codexmanager.server.PortInUseException;
import com.codexmanager.store.DataDirInUseException;
import com.codexmanager.store.InstanceLock;
import com.codexmanager.store.StoreException;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop mode: starts the embedded service (or connects to a remote one with {@code CODEXMANAGER_NO_SERVICE}),
 * then opens the window and the tray. A second launch on the same data dir asks the running desktop to show its
 * dashboard and exits 0. {@link com.codexmanager.Main} checks {@link #headlessReason} first and runs the service
 * alone when there is no display. Not instantiable.
 */
public final class DesktopLauncher {
    private static final Logger log = LoggerFactory.getLogger(DesktopLauncher.class);
    static final String DESKTOP_LOCK = "codexmanager.desktop.lock";
    private static final Duration FIRST_SETTINGS_TIMEOUT = Duration.ofMillis(1500);

    private DesktopLauncher() {
    }

    /** The outcome of {@link #start}: an exit code, and the running desktop when there is one. */
    public record Started(int exitCode, Optional<RunningDesktop> desktop) {
    }

    /**
     * Why this process cannot show windows, or empty when it can. Checks the property and {@code DISPLAY} before
     * touching AWT, so the service-only fallback loads no AWT class.
     */
    public static Optional<String> headlessReason(Map<String, String> env, String osName) {
        if (Boolean.getBoolean("java.awt.headless")) {
            return Optional.of("java.awt.headless is set");
        }
        String os = osName.toLowerCase(Locale.ROOT);
        boolean x11 = !os.contains("win") && !os.contains("mac");
        if (x11 && env.getOrDefault("DISPLAY", "").isBlank()) {
            return Optional.of("no DISPLAY is set");
        }
        if (java.awt.GraphicsEnvironment.isHeadless()) {
            return Optional.of("the graphics environment is headless");
        }
        return Optional.empty();
    }

    /** Runs desktop mode until the user quits. Returns the process exit code. */
    public static int run(DesktopOptions options, PrintStream err) {
        Started started = start(options, err);
        if (started.desktop().isEmpty()) {
            return started.exitCode();
        }
        RunningDesktop desktop = started.desktop().get();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> desktop.service().close(), "shutdown"));
        try {
            desktop.awaitQuit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Starts the service and the UI and returns at once; tests drive the returned desktop. */
    public static Started start(DesktopOptions options, PrintStream err) {
        Map<String, String> env = options.env();
        Settings settings = Settings.fromEnvironment(env);
        FocusRequests focus = new FocusRequests();
        StartupTiming timing = StartupTiming.forProcess();
        LafManager laf = new LafManager(options.env()::get);
        ServiceControl service;
        AutoCloseable lock = null;
        if (settings.enabled(Setting.NO_SERVICE)) {
            Optional<RpcEndpoint> remote = remoteEndpoint(settings, options);
            if (remote.isEmpty()) {
                err.println("codexmanager: CODEXMANAGER_NO_SERVICE needs CODEXMANAGER_RPC_TOKEN (the token of the "
                        + "service at " + settings.text(Setting.SERVICE_ADDR) + ")");
                return new Started(2, Optional.empty());
            }
            service = new RemoteService(remote.get());
            log.info("Desktop connects to the service at {}", remote.get().baseUrl());
        } else {
            DataDir dataDir = dataDir(settings, options);
            try {
                dataDir.create();
                lock = InstanceLock.acquire(dataDir.root().resolve(DESKTOP_LOCK), "desktop");
            } catch (DataDirInUseException e) {
                return new Started(focusRunning(dataDir, settings, err), Optional.empty());
            }
            UiWarmup.begin(laf, Appearance.fromEnvironment(settings));
            try {
                service = EmbeddedService.startNow(options.service(), focus);
                timing.serviceUp();
            } catch (PortInUseException e) {
                closeQuietly(lock);
                return new Started(portTaken(dataDir, settings, e, err), Optional.empty());
            } catch (StoreException | UncheckedIOException e) {
                closeQuietly(lock);
                err.println("codexmanager: " + e.getMessage());
                return new Started(1, Optional.empty());
            }
        }
        return new Started(0, Optional.of(openUi(options, service, lock, focus, laf, timing)));
    }

    private static RunningDesktop openUi(DesktopOptions options, ServiceControl service, AutoCloseable lock,
            FocusRequests focus, LafManager laf, StartupTiming timing) {
        RunningDesktop running = new RunningDesktop(service, lock);
        RpcClient rpc = new RpcClient(service::endpoint);
        Appearance appearance = firstAppearance(service, rpc);
        UiJobs jobs = new UiJobs();
        try {
            SwingUtilities.invokeAndWait(() -> {
                JFrame.setDefaultLookAndFeelDecorated(true);
                javax.swing.JDialog.setDefaultLookAndFeelDecorated(true);
                laf.apply(appearance.theme(), appearance.accent(), false);
                ConnectionMonitor monitor = new ConnectionMonitor(rpc, service, jobs,
                        options.connectedCheckInterval(), options.retryInterval());
                monitor.start();
                PoolModel pool = new PoolModel(new AccountsApi(rpc), new GatewayApi(rpc), new LogsApi(rpc), jobs,
                        options.service().clock(), options.poolInterval());
                pool.addListener((previous, next) -> {
                    if (next.loadedAt() != null) {
                        timing.firstData();
                    }
                });
                if (service.embedded()) {
                    // the embedded service is this build, so it has the account methods: load the pool now,
                    // alongside the connection check, instead of after it
                    pool.setSupported(true);
                }
                Messages messages = Messages.of(appearance.language().locale(options.osLocale()));
                DesktopContext ctx = new DesktopContext(rpc, service, jobs, messages, monitor, pool,
                        options.platform(), laf);
                running.attach(DesktopApp.open(ctx, appearance, options.osLocale(), options.trayAllowed(), focus,
                        () -> {
                            rpc.close();
                            running.quitFinished();
                        }));
                timing.windowShown();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the window", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot open the desktop window: " + e.getCause(), e.getCause());
        }
        return running;
    }

    /**
     * Theme and language before the first window, so it does not flash: read in-process from an embedded service,
     * over RPC from a remote one; defaults if that service is slow.
     */
    private static Appearance firstAppearance(ServiceControl service, RpcClient rpc) {
        if (service instanceof EmbeddedService embedded) {
            Optional<JsonObject> values = embedded.settingsValues();
            if (values.isPresent()) {
                return Appearance.fromValues(values.get());
            }
        }
        try {
            JsonObject result = rpc.call(RpcCall.SETTINGS_GET, new JsonObject(), FIRST_SETTINGS_TIMEOUT)
                    .get(FIRST_SETTINGS_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            return Appearance.fromValues(result.has("values") ? result.getAsJsonObject("values") : new JsonObject());
        } catch (ExecutionException | TimeoutException e) {
            log.info("Settings not readable yet ({}); using the default look", e.getMessage());
            return Appearance.DEFAULT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Appearance.DEFAULT;
        }
    }

    private static DataDir dataDir(Settings settings, DesktopOptions options) {
        return DataDir.resolve(settings, options.env(), options.service().osName(), options.service().userHome());
    }

    private static Optional<RpcEndpoint> remoteEndpoint(Settings settings, DesktopOptions options) {
        String baseUrl = SecondLaunch.baseUrl(settings.address(Setting.SERVICE_ADDR));
        return SecondLaunch.token(dataDir(settings, options), settings).map(t -> new RpcEndpoint(baseUrl, t));
    }

    private static int focusRunning(DataDir dataDir, Settings settings, PrintStream err) {
        Optional<RpcEndpoint> endpoint = SecondLaunch.endpointOf(dataDir, settings);
        Optional<RpcCallException> failure = endpoint.flatMap(SecondLaunch::requestShow);
        if (endpoint.isPresent() && failure.isEmpty()) {
            err.println("codexmanager: CodexManager is already running; showing its window.");
        } else {
            err.println("codexmanager: CodexManager is already running for " + dataDir.root()
                    + " (its service is not answering); use its tray icon.");
        }
        return 0;
    }

    private static int portTaken(DataDir dataDir, Settings settings, PortInUseException e, PrintStream err) {
        Optional<RpcEndpoint> endpoint = SecondLaunch.token(dataDir, settings)
                .map(t -> new RpcEndpoint(SecondLaunch.baseUrl(settings.address(Setting.SERVICE_ADDR)), t));
        if (endpoint.isPresent() && SecondLaunch.requestShow(endpoint.get()).isEmpty()) {
            err.println("codexmanager: CodexManager is already running at " + endpoint.get().baseUrl()
                    + "; showing its window.");
            return 0;
        }
        err.println("codexmanager: " + e.getMessage());
        return 1;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // releasing a lock we just took; the OS frees it at exit in any case
        }
    }
}
