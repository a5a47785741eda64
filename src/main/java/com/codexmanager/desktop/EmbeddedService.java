package com.codexmanager.desktop;

import com.codexmanager.config.DataDir;
import com.codexmanager.desktop.rpc.RpcEndpoint;
import com.codexmanager.json.Json;
import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcParam;
import com.codexmanager.service.CodexManagerService;
import com.codexmanager.service.ServiceOptions;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service running inside the desktop process. Start and stop run on one named thread so they never overlap
 * and never block the EDT. While running, it offers {@code desktop/show} so a second launch can bring this
 * desktop forward, and records its address in {@code codexmanager.desktop} in the data dir. Thread-safe.
 */
public final class EmbeddedService implements ServiceControl {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedService.class);

    private final ServiceOptions options;
    private final FocusRequests focus;
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "desktop-service-control");
        t.setDaemon(true);
        return t;
    });
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile CodexManagerService service;
    private volatile State state = State.STOPPED;
    private volatile RpcEndpoint endpoint;

    private EmbeddedService(ServiceOptions options, FocusRequests focus) {
        this.options = options;
        this.focus = focus;
    }

    /**
     * Starts the service on the calling thread (the launcher needs to know at once whether it could).
     *
     * @throws com.codexmanager.server.PortInUseException   when the address is taken
     * @throws com.codexmanager.store.DataDirInUseException when another process owns the database
     */
    public static EmbeddedService startNow(ServiceOptions options, FocusRequests focus) {
        EmbeddedService embedded = new EmbeddedService(options, focus);
        embedded.startBlocking();
        return embedded;
    }

    private void startBlocking() {
        setState(State.STARTING);
        try {
            CodexManagerService started = CodexManagerService.start(options);
            started.rpcRegistry().register(new RpcMethod("desktop/show",
                    "Brings the desktop window of this instance to the front (used by a second launch).",
                    List.of(RpcParam.optional("page", "string", "dashboard, accounts, keys, logs or settings")),
                    p -> {
                        focus.request(p.optionalString("page").orElse("dashboard"));
                        return Map.of("ok", true);
                    }));
            service = started;
            endpoint = new RpcEndpoint(started.baseUrl(), started.rpcToken().reveal());
            writeInstanceFile(started.dataDir(), started.baseUrl());
            setState(State.RUNNING);
        } catch (RuntimeException e) {
            setState(State.STOPPED);
            throw e;
        }
    }

    private static void writeInstanceFile(DataDir dataDir, String baseUrl) {
        DataDir.writeOwnerOnly(instanceFile(dataDir), ("baseUrl=" + baseUrl + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Path instanceFile(DataDir dataDir) {
        return dataDir.desktopInstanceFile();
    }

    private void stopBlocking() {
        CodexManagerService running = service;
        if (running == null) {
            return;
        }
        setState(State.STOPPING);
        running.close();
        service = null;
        setState(State.STOPPED);
    }

    private void setState(State newState) {
        state = newState;
        listeners.forEach(Runnable::run);
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public boolean embedded() {
        return true;
    }

    /** The last known endpoint; after a stop it still names where the service was. */
    @Override
    public RpcEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The settings values as {@code appSettings/get} returns them, read in-process (no HTTP round trip before the
     * first window); empty while stopped or when the read fails.
     */
    public Optional<JsonObject> settingsValues() {
        CodexManagerService running = service;
        if (running == null) {
            return Optional.empty();
        }
        try {
            JsonElement result = Json.GSON.toJsonTree(running.dispatcher().call("appSettings/get", new JsonObject()));
            return result.isJsonObject() && result.getAsJsonObject().get("values") instanceof JsonObject values
                    ? Optional.of(values) : Optional.empty();
        } catch (RuntimeException e) {
            log.info("Settings not readable in-process ({})", e.toString());
            return Optional.empty();
        }
    }

    /** The running service, for the launcher's data-dir facts; {@code null} while stopped. */
    public CodexManagerService service() {
        return service;
    }

    @Override
    public CompletableFuture<Void> start() {
        return CompletableFuture.runAsync(() -> {
            if (service == null) {
                startBlocking();
            }
        }, lifecycle);
    }

    @Override
    public CompletableFuture<Void> stop() {
        return CompletableFuture.runAsync(this::stopBlocking, lifecycle);
    }

    @Override
    public CompletableFuture<Void> restart() {
        return CompletableFuture.runAsync(() -> {
            stopBlocking();
            startBlocking();
        }, lifecycle);
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        lifecycle.shutdown();
        try {
            if (!lifecycle.awaitTermination(20, TimeUnit.SECONDS)) {
                log.warn("Service start/stop still running at quit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopBlocking();
    }
}
