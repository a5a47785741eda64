package com.codexmanager.desktop;

import com.codexmanager.config.DataDir;
import com.codexmanager.desktop.rpc.RpcCall;
import com.codexmanager.desktop.rpc.RpcEndpoint;
import com.codexmanager.json.Json;
import com.codexmanager.module.ServiceOptions;
import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcParam;
import com.codexmanager.server.PortInUseException;
import com.codexmanager.service.CodexManagerService;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service running inside the desktop process. Start and stop run on one named thread so they never overlap
 * and never block the EDT. A start whose address is still taken (the port of a service stopped a moment ago, or of
 * another program) stays {@link State#STARTING} and tries again every {@link StartRetry#interval()} until
 * {@link StartRetry#window()} has passed; a stop ends the waiting. While running, it offers {@code desktop/show} so
 * a second launch can bring this desktop forward, and records its address in {@code codexmanager.desktop} in the
 * data dir. Thread-safe.
 */
public final class EmbeddedService implements ServiceControl {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedService.class);

    /**
     * How a start waits for a taken address. The default outlasts TCP's TIME_WAIT (60 s on Linux), which holds the
     * port of a listener without SO_REUSEADDR after it served traffic. Immutable.
     *
     * @param interval time between attempts
     * @param window   how long after the first attempt the start gives up
     */
    public record StartRetry(Duration interval, Duration window) {
        public static final StartRetry DEFAULT = new StartRetry(Duration.ofSeconds(1), Duration.ofSeconds(90));
    }

    private final ServiceOptions options;
    private final FocusRequests focus;
    private final StartRetry retry;
    private final ScheduledExecutorService lifecycle = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "desktop-service-control");
        t.setDaemon(true);
        return t;
    });
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile CodexManagerService service;
    private volatile State state = State.STOPPED;
    private volatile RpcEndpoint endpoint;
    private volatile boolean waitingForAddress;
    /** The start that waits for its address; touched only on the lifecycle thread. */
    private PendingStart pending;

    /** A start between its attempts. */
    private record PendingStart(CompletableFuture<Void> done, Instant deadline, ScheduledFuture<?> next) {
    }

    private EmbeddedService(ServiceOptions options, FocusRequests focus, StartRetry retry) {
        this.options = options;
        this.focus = focus;
        this.retry = retry;
    }

    /**
     * Starts the service on the calling thread (the launcher needs to know at once whether it could); later starts
     * wait for a taken address as {@code retry} says.
     *
     * @throws com.codexmanager.server.PortInUseException   when the address is taken
     * @throws com.codexmanager.store.DataDirInUseException when another process owns the database
     */
    public static EmbeddedService startNow(ServiceOptions options, FocusRequests focus, StartRetry retry) {
        EmbeddedService embedded = new EmbeddedService(options, focus, retry);
        embedded.setState(State.STARTING);
        try {
            embedded.startBlocking();
        } catch (RuntimeException e) {
            embedded.setState(State.STOPPED);
            throw e;
        }
        return embedded;
    }

    public static EmbeddedService startNow(ServiceOptions options, FocusRequests focus) {
        return startNow(options, focus, StartRetry.DEFAULT);
    }

    /** One attempt; the caller owns the state on failure. */
    private void startBlocking() {
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
        waitingForAddress = false;
        setState(State.RUNNING);
    }

    /** Runs on the lifecycle thread: one attempt, then done, failed, or the next attempt scheduled. */
    private void attempt(CompletableFuture<Void> done, Instant deadline) {
        pending = null;
        if (service != null) {
            done.complete(null);
            return;
        }
        setState(State.STARTING);
        try {
            startBlocking();
            done.complete(null);
        } catch (PortInUseException e) {
            if (options.clock().instant().isBefore(deadline)) {
                if (!waitingForAddress) {
                    log.info("Address still in use, trying again every {} ms for up to {} s: {}",
                            retry.interval().toMillis(), retry.window().toSeconds(), e.getMessage());
                }
                waitingForAddress = true;
                ScheduledFuture<?> next = lifecycle.schedule(() -> attempt(done, deadline),
                        retry.interval().toMillis(), TimeUnit.MILLISECONDS);
                pending = new PendingStart(done, deadline, next);
                setState(State.STARTING);
            } else {
                failStart(done, e);
            }
        } catch (RuntimeException e) {
            failStart(done, e);
        }
    }

    private void failStart(CompletableFuture<Void> done, RuntimeException e) {
        waitingForAddress = false;
        setState(State.STOPPED);
        done.completeExceptionally(e);
    }

    /** Ends a start that waits for its address; its future is cancelled. Lifecycle thread only. */
    private void cancelPending() {
        PendingStart waiting = pending;
        if (waiting != null) {
            pending = null;
            waiting.next().cancel(false);
            waitingForAddress = false;
            waiting.done().cancel(false);
            setState(State.STOPPED);
        }
    }

    private static void writeInstanceFile(DataDir dataDir, String baseUrl) {
        DataDir.writeOwnerOnly(instanceFile(dataDir), ("baseUrl=" + baseUrl + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Path instanceFile(DataDir dataDir) {
        return dataDir.desktopInstanceFile();
    }

    private void stopBlocking() {
        cancelPending();
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

    @Override
    public boolean waitingForAddress() {
        return waitingForAddress;
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
            JsonElement result = Json.GSON.toJsonTree(running.dispatcher().call(RpcCall.SETTINGS_GET.method(),
                    new JsonObject()));
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
        CompletableFuture<Void> done = new CompletableFuture<>();
        lifecycle.execute(() -> {
            if (pending != null) {
                pending.done().whenComplete((ok, error) -> {
                    if (error == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(error);
                    }
                });
            } else {
                attempt(done, options.clock().instant().plus(retry.window()));
            }
        });
        return done;
    }

    @Override
    public CompletableFuture<Void> stop() {
        return CompletableFuture.runAsync(this::stopBlocking, lifecycle);
    }

    @Override
    public CompletableFuture<Void> restart() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lifecycle.execute(() -> {
            stopBlocking();
            attempt(done, options.clock().instant().plus(retry.window()));
        });
        return done;
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        lifecycle.execute(this::cancelPending);
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
