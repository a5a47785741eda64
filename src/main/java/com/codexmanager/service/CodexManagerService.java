package com.codexmanager.service;

import com.codexmanager.config.DataDir;
import com.codexmanager.config.HostPort;
import com.codexmanager.config.InvalidSettingException;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.crypto.SecretBox;
import com.codexmanager.crypto.SecretKeys;
import com.codexmanager.logging.LogSetup;
import com.codexmanager.module.ServiceAddress;
import com.codexmanager.module.ServiceContext;
import com.codexmanager.module.ServiceModule;
import com.codexmanager.module.ServiceOptions;
import com.codexmanager.rpc.RpcDispatcher;
import com.codexmanager.rpc.RpcErrorCode;
import com.codexmanager.rpc.RpcHttpHandler;
import com.codexmanager.rpc.RpcRegistry;
import com.codexmanager.rpc.RpcToken;
import com.codexmanager.server.ErrorBodies;
import com.codexmanager.server.HostHeaderGuard;
import com.codexmanager.server.HttpRoutes;
import com.codexmanager.server.HttpServer;
import com.codexmanager.server.HttpServerOptions;
import com.codexmanager.settings.AppSettingsService;
import com.codexmanager.store.AppSettingsRepository;
import com.codexmanager.store.ChangeFeed;
import com.codexmanager.store.Database;
import com.codexmanager.store.InstanceLock;
import com.codexmanager.store.JobLeases;
import io.javalin.http.HandlerType;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The headless service: data dir, instance lock, database, RPC, the feature {@link ServiceModule}s and the HTTP
 * server. The desktop hosts it in-process and talks to it only through RPC, like any external tool.
 *
 * <p>Lifecycle: {@link #start} builds and binds everything or fails cleanly (nothing left open); {@link #close}
 * undoes it in reverse: the server stops first (in-flight requests get a bounded grace period while the modules
 * they use are still up), then the modules, the database and the lock. Thread-safe.
 */
public final class CodexManagerService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CodexManagerService.class);
    /** How long ended streams get to write their terminal event and finish. */
    private static final Duration STREAM_END_WAIT = Duration.ofSeconds(2);
    /** Beyond the whole shutdown, so that no open connection times out while it is being ended. */
    private static final Duration QUIET_MARGIN = Duration.ofSeconds(1);

    private final ServiceContext context;
    private final List<AutoCloseable> resources;
    private final RpcDispatcher dispatcher;
    private final RpcToken rpcToken;
    private final List<ServiceModule> modules;
    private final HttpServer server;
    private boolean closed;

    private CodexManagerService(ServiceContext context, List<AutoCloseable> resources, RpcToken rpcToken,
            List<ServiceModule> modules, HttpServer server) {
        this.context = context;
        this.resources = resources;
        this.server = server;
        this.modules = List.copyOf(modules);
        this.dispatcher = new RpcDispatcher(context.rpc());
        this.rpcToken = rpcToken;
    }

    /**
     * Starts the service.
     *
     * @throws com.codexmanager.store.DataDirInUseException when another process owns the database
     * @throws com.codexmanager.server.PortInUseException   when the service address is taken
     * @throws InvalidSettingException                       when a setting needed to start is invalid
     */
    public static CodexManagerService start(ServiceOptions options) {
        Settings envSettings = Settings.of(options.env(), options.envFile(), java.util.Map.of());
        envSettings.requireStartable();
        DataDir dataDir = DataDir.resolve(envSettings, options.env(), options.osName(), options.userHome());
        createDataDir(dataDir, envSettings);
        HostPort configured = envSettings.address(Setting.SERVICE_ADDR);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            opened.add(InstanceLock.acquire(Path.of(dataDir.h2FilePath() + ".lock"), "service " + configured));
            SecureRandom random = new SecureRandom();
            boolean shared = envSettings.isSet(Setting.DB_URL);
            SecretBox secrets = new SecretBox(SecretKeys.resolve(envSettings, dataDir.masterKeyFile(), shared,
                    random, options.clock()), random);
            Database database = shared ? Database.openPostgres(envSettings.text(Setting.DB_URL),
                    envSettings.text(Setting.DB_USER), envSettings.text(Setting.DB_PASSWORD)) : Database.open(dataDir);
            opened.add(database);
            if (!shared) {
                DataDir.restrictToOwner(dataDir.databaseFile());
            }
            String instance = instanceName(envSettings, configured);
            ChangeFeed changes = new ChangeFeed(database.sql(), shared);
            opened.add(changes);
            JobLeases leases = new JobLeases(database.sql(), instance, shared);
            opened.add(leases);
            AppSettingsService appSettings = new AppSettingsService(options.env(), options.envFile(),
                    new AppSettingsRepository(database.sql()), secrets, options.clock());
            changes.onChange(ChangeFeed.Table.APP_SETTINGS, appSettings::reload);
            Settings settings = appSettings.current();
            LogSetup.attachFile(dataDir.logDir(), settings.text(Setting.LOG_LEVEL));
            logEnvironment(settings);
            RpcToken token = RpcToken.resolve(settings, dataDir, random);
            LogSetup.registerSecret(token.reveal());
            registerSettingSecrets(settings);
            appSettings.onChange(CodexManagerService::registerSettingSecrets);

            ServiceAddress address = new ServiceAddress(configured);
            ServiceContext context = new ServiceContext(appSettings, dataDir, database, secrets, new RpcRegistry(),
                    options.clock(), random, options, address, token, instance, changes, leases);
            List<ServiceModule> modules = new ArrayList<>();
            for (ServiceModule module : ServiceModules.create(context)) {
                modules.add(module);
                opened.add(module);
            }
            HttpServer server = new HttpServer(HttpServerOptions.from(settings, options.cores()),
                    routes(modules, new RpcHttpHandler(new RpcDispatcher(context.rpc()), token,
                            HttpServerOptions.RPC_MAX_BODY_BYTES), new HostHeaderGuard(configured)));
            server.start();
            opened.add(server::stop);
            address.bound(server.port());
            modules.forEach(ServiceModule::start);
            leases.start();
            changes.start();
            log.info("CodexManager {} listening on {} (data dir {})", Version.current(), address.baseUrl(),
                    dataDir.root());
            return new CodexManagerService(context, opened, token, modules, server);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * The data dir must exist before anything else; when CODEXMANAGER_DB_PATH put it somewhere unusable, that
     * variable is the one to blame (exit code 2), not a late I/O error.
     */
    private static void createDataDir(DataDir dataDir, Settings settings) {
        try {
            dataDir.create();
        } catch (java.io.UncheckedIOException e) {
            if (!settings.isSet(Setting.DB_PATH)) {
                throw e;
            }
            String origin = settings.source(Setting.DB_PATH) == com.codexmanager.config.SettingSource.ENV_FILE
                    ? "from " + settings.envFile().file() : "from the environment";
            throw new InvalidSettingException(List.of(Setting.DB_PATH.envName() + "='" + settings.text(Setting.DB_PATH)
                    + "' (" + origin + ") names a folder that cannot be created or used: " + dataDir.root() + " ("
                    + (e.getCause() == null ? e.getMessage() : e.getCause().toString()) + ")"));
        }
    }

    /** Which env file was read and every setting that fell back, in the log file too (it is attached by now). */
    private static void logEnvironment(Settings settings) {
        settings.envFile().summary().ifPresent(log::info);
        settings.envFile().warnings().forEach(w -> log.warn("Settings file {}", w));
        settings.warnings().forEach(w -> log.warn("Setting ignored: {}", w));
    }

    /** INSTANCE_NAME, or the host name and port (what an operator reads in a shared request log). */
    private static String instanceName(Settings settings, HostPort address) {
        if (settings.isSet(Setting.INSTANCE_NAME)) {
            return settings.text(Setting.INSTANCE_NAME);
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + address.port();
    }

    /** Secrets that live in settings: masked in every log line from now on, including after a change. */
    private static void registerSettingSecrets(Settings settings) {
        if (settings.isSet(Setting.UPSTREAM_COOKIE)) {
            LogSetup.registerSecret(settings.text(Setting.UPSTREAM_COOKIE));
        }
        settings.upstreamProxy().ifPresent(proxy -> proxy.passwordForms().forEach(LogSetup::registerSecret));
    }

    private static List<HttpRoutes> routes(List<ServiceModule> modules, RpcHttpHandler rpc, HostHeaderGuard hosts) {
        List<HttpRoutes> routes = new ArrayList<>();
        routes.add(r -> {
            r.before("/rpc", ctx -> {
                if (!hosts.allows(ctx.header("Host"))) {
                    RpcHttpHandler.reject(ctx, 403, RpcErrorCode.FORBIDDEN, "this service answers RPC for this "
                            + "machine's host names only (Host header refused)");
                    ctx.skipRemainingHandlers();
                }
            });
            r.before("/metrics", ctx -> {
                if (!hosts.allows(ctx.header("Host"))) {
                    ctx.status(403).contentType("application/json").result(ErrorBodies.openAi("metrics are served "
                            + "for this machine's host names only (Host header refused)", "invalid_request_error",
                            "forbidden"));
                    ctx.skipRemainingHandlers();
                }
            });
            for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
                    HandlerType.DELETE)) {
                r.addHttpHandler(type, "/rpc", rpc::handle);
            }
        });
        modules.forEach(m -> routes.addAll(m.routes()));
        return routes;
    }

    /** Waits up to {@code timeout} in all for the server's requests and the modules' long-lived work. */
    private boolean drained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean drained = server.awaitDrained(timeout);
        for (ServiceModule module : modules) {
            drained &= module.awaitDrained(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return drained;
    }

    /** Closes in reverse order of opening; one failure does not stop the rest. */
    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                log.warn("Error while closing {}: {}", opened.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /** The bound address (the real port when the configured one was 0). */
    public HostPort address() {
        return context.address().current();
    }

    /** {@code http://host:port} for clients on this machine. */
    public String baseUrl() {
        return context.address().baseUrl();
    }

    public DataDir dataDir() {
        return context.dataDir();
    }

    public RpcToken rpcToken() {
        return rpcToken;
    }

    /** Runs RPC methods in-process (the embedded desktop and tests). */
    public RpcDispatcher dispatcher() {
        return dispatcher;
    }

    public RpcRegistry rpcRegistry() {
        return context.rpc();
    }

    public AppSettingsService appSettings() {
        return context.settings();
    }

    public Database database() {
        return context.database();
    }

    public ServiceContext context() {
        return context;
    }

    /** The running module of this type (for in-process wiring and tests). */
    public <T extends ServiceModule> java.util.Optional<T> module(Class<T> type) {
        return modules.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * Stops in order, so that no client sees a reset and no database write is cut: the port is released at once
     * (new connections are refused, requests on open connections get 503), requests being served may finish for
     * {@code SHUTDOWN_DRAIN_SECS}, then each open stream is ended with a terminal error event in its client's
     * protocol; then the server stops, the modules close (the request-log queue is written out) and the database
     * closes. Returns within the drain period plus a few seconds.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Duration drain = Duration.ofSeconds(context.settings().current().number(Setting.SHUTDOWN_DRAIN_SECS));
        log.info("CodexManager stopping: {} request(s) open, up to {} s for them to finish",
                server.activeRequests(), drain.toSeconds());
        server.stopAccepting(drain.plus(STREAM_END_WAIT).plus(QUIET_MARGIN));
        modules.forEach(ServiceModule::stopAccepting);
        if (!drained(drain)) {
            log.info("Ending {} open request(s) with a terminal error event", server.activeRequests());
            modules.forEach(ServiceModule::endOpenStreams);
            if (!drained(STREAM_END_WAIT)) {
                log.warn("{} request(s) still open after the streams were ended; stopping anyway",
                        server.activeRequests());
            }
        }
        closeAll(resources);
        log.info("CodexManager stopped");
    }
}
