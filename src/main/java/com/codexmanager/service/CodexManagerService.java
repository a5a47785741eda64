package com.codexmanager.service;

import com.codexmanager.config.DataDir;
import com.codexmanager.config.HostPort;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.json.Json;
import com.codexmanager.logging.LogSetup;
import com.codexmanager.rpc.RpcDispatcher;
import com.codexmanager.rpc.RpcHttpHandler;
import com.codexmanager.rpc.RpcRegistry;
import com.codexmanager.rpc.RpcToken;
import com.codexmanager.server.HttpRoutes;
import com.codexmanager.server.HttpServer;
import com.codexmanager.server.HttpServerOptions;
import com.codexmanager.store.AppSettingsRepository;
import com.codexmanager.store.Database;
import com.codexmanager.store.InstanceLock;
import io.javalin.http.HandlerType;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The headless service: data dir, instance lock, database, RPC and the HTTP server. The desktop hosts it in-process
 * and talks to it only through RPC, like any external tool.
 *
 * <p>Lifecycle: {@link #start} builds and binds everything or fails cleanly (nothing left open); {@link #close}
 * stops the server (in-flight requests get a bounded grace period), then closes the database and releases the
 * lock. Thread-safe.
 */
public final class CodexManagerService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CodexManagerService.class);

    private final DataDir dataDir;
    private final InstanceLock lock;
    private final Database database;
    private final AppSettingsService appSettings;
    private final RpcRegistry rpcRegistry;
    private final RpcDispatcher dispatcher;
    private final RpcToken rpcToken;
    private final HttpServer httpServer;
    private final HostPort boundAddress;
    private volatile boolean closed;

    private CodexManagerService(DataDir dataDir, InstanceLock lock, Database database, AppSettingsService appSettings,
            RpcRegistry rpcRegistry, RpcToken rpcToken, HttpServer httpServer, HostPort configured) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.database = database;
        this.appSettings = appSettings;
        this.rpcRegistry = rpcRegistry;
        this.dispatcher = new RpcDispatcher(rpcRegistry);
        this.rpcToken = rpcToken;
        this.httpServer = httpServer;
        this.boundAddress = configured.withPort(httpServer.port());
    }

    /**
     * Starts the service.
     *
     * @throws com.codexmanager.store.DataDirInUseException when another process owns the database
     * @throws com.codexmanager.server.PortInUseException   when the service address is taken
     */
    public static CodexManagerService start(ServiceOptions options) {
        Settings envSettings = Settings.fromEnvironment(options.env());
        envSettings.warnings().forEach(w -> log.warn("Setting ignored: {}", w));
        DataDir dataDir = DataDir.resolve(envSettings, options.env(), options.osName(), options.userHome());
        dataDir.create();
        HostPort address = envSettings.address(Setting.SERVICE_ADDR);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            InstanceLock lock = InstanceLock.acquire(java.nio.file.Path.of(dataDir.h2FilePath() + ".lock"),
                    "service " + address);
            opened.add(lock);
            Database database = Database.open(dataDir);
            opened.add(database);
            DataDir.restrictToOwner(dataDir.databaseFile());
            AppSettingsService appSettings = new AppSettingsService(options.env(),
                    new AppSettingsRepository(database.sql()), options.clock());
            Settings settings = appSettings.current();
            LogSetup.attachFile(dataDir.logDir(), settings.text(Setting.LOG_LEVEL));
            RpcToken token = RpcToken.resolve(settings, dataDir, new SecureRandom());
            LogSetup.registerSecret(token.reveal());

            RpcRegistry registry = new RpcRegistry();
            RpcDispatcher dispatcher = new RpcDispatcher(registry);
            HttpServerOptions httpOptions = HttpServerOptions.from(settings, options.cores());
            RpcHttpHandler rpc = new RpcHttpHandler(dispatcher, token, HttpServerOptions.RPC_MAX_BODY_BYTES);
            List<HttpRoutes> routes = List.of(r -> {
                r.get("/health", ctx -> ctx.contentType("application/json")
                        .result(Json.write(Map.of("status", "ok", "version", Version.current()))));
                for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
                        HandlerType.PATCH, HandlerType.DELETE)) {
                    r.addHttpHandler(type, "/rpc", rpc::handle);
                }
            });
            HttpServer server = new HttpServer(httpOptions, routes);
            java.util.concurrent.atomic.AtomicReference<String> boundText =
                    new java.util.concurrent.atomic.AtomicReference<>(address.toString());
            SystemRpcMethods.register(registry, appSettings, dataDir, boundText::get);
            server.start();
            CodexManagerService service = new CodexManagerService(dataDir, lock, database, appSettings, registry,
                    token, server, address);
            boundText.set(service.address().toString());
            log.info("CodexManager {} listening on http://{} (data dir {})", Version.current(),
                    service.address(), dataDir.root());
            return service;
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                log.warn("Cleanup after failed start: {}", e.getMessage());
            }
        }
    }

    /** The bound address (the real port when the configured one was 0). */
    public HostPort address() {
        return boundAddress;
    }

    /** {@code http://host:port} for clients on this machine. */
    public String baseUrl() {
        return "http://" + boundAddress.clientHost() + ":" + boundAddress.port();
    }

    public DataDir dataDir() {
        return dataDir;
    }

    public RpcToken rpcToken() {
        return rpcToken;
    }

    public RpcDispatcher dispatcher() {
        return dispatcher;
    }

    public RpcRegistry rpcRegistry() {
        return rpcRegistry;
    }

    public AppSettingsService appSettings() {
        return appSettings;
    }

    public Database database() {
        return database;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("CodexManager stopping");
        try {
            httpServer.stop();
        } finally {
            try {
                database.close();
            } finally {
                lock.close();
            }
        }
        log.info("CodexManager stopped");
    }
}
