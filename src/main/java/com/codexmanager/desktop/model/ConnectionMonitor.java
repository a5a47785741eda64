package com.codexmanager.desktop.model;

import com.codexmanager.desktop.ServiceControl;
import com.codexmanager.desktop.UiJobs;
import com.codexmanager.desktop.rpc.RpcCall;
import com.codexmanager.desktop.rpc.RpcCallException;
import com.codexmanager.desktop.rpc.RpcClient;
import com.codexmanager.desktop.rpc.ServiceCapabilities;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.swing.Timer;

/**
 * Checks the service with {@code initialize} + {@code rpc/methods} on a Swing timer (the tick only starts an RPC;
 * the answer is applied on the EDT) and tells listeners when the {@link ConnectionStatus} changes. While the
 * service is unreachable it retries every {@code retryInterval}, so the UI shows a banner instead of freezing.
 * EDT only, except {@link #current()}.
 */
public final class ConnectionMonitor implements AutoCloseable {
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final RpcClient rpc;
    private final ServiceControl service;
    private final UiJobs jobs;
    private final Timer timer;
    private final Duration connectedInterval;
    private final Duration retryInterval;
    private final List<Consumer<ConnectionStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile ConnectionStatus current;
    private CompletableFuture<?> inFlight;

    public ConnectionMonitor(RpcClient rpc, ServiceControl service, UiJobs jobs, Duration connectedInterval,
            Duration retryInterval) {
        this.rpc = rpc;
        this.service = service;
        this.jobs = jobs;
        this.connectedInterval = connectedInterval;
        this.retryInterval = retryInterval;
        this.current = ConnectionStatus.connecting(rpc.endpoint().baseUrl());
        this.timer = new Timer((int) retryInterval.toMillis(), e -> checkNow());
        timer.setRepeats(false);
    }

    public ConnectionStatus current() {
        return current;
    }

    public void addListener(Consumer<ConnectionStatus> listener) {
        listeners.add(listener);
    }

    /**
     * Starts checking now and then on the timer. A check already under way is kept: the launcher begins the first
     * one while the window is still being built.
     */
    public void start() {
        if (inFlight == null) {
            checkNow();
        }
    }

    /** Checks at once (the banner's "Retry now", or after the service was started). */
    public void checkNow() {
        timer.stop();
        if (inFlight != null) {
            inFlight.cancel(true);
        }
        String baseUrl = rpc.endpoint().baseUrl();
        if (service.state() == ServiceControl.State.STOPPED || service.state() == ServiceControl.State.STOPPING) {
            publish(new ConnectionStatus(ConnectionStatus.State.STOPPED, baseUrl, "", ServiceCapabilities.NONE, ""));
            return;
        }
        if (service.state() == ServiceControl.State.STARTING) {
            // the service says when it runs (its listener calls checkNow); asking it before would only fail
            publish(new ConnectionStatus(ConnectionStatus.State.STARTING, baseUrl, "", ServiceCapabilities.NONE,
                    service.waitingForAddress() ? ConnectionStatus.ADDRESS_IN_USE : ""));
            return;
        }
        CompletableFuture<ConnectionStatus> check = rpc.call(RpcCall.INITIALIZE, new JsonObject(), CHECK_TIMEOUT)
                .thenCompose(init -> rpc.call(RpcCall.RPC_METHODS, new JsonObject(), CHECK_TIMEOUT)
                        .thenApply(methods -> new ConnectionStatus(ConnectionStatus.State.CONNECTED, baseUrl,
                                init.has("version") ? init.get("version").getAsString() : "",
                                ServiceCapabilities.from(methods, ""), "")));
        inFlight = jobs.deliver(check, this::publish, error -> publish(failed(baseUrl, error)));
    }

    private ConnectionStatus failed(String baseUrl, Throwable error) {
        ConnectionStatus.State state = RpcCallException.from(error)
                .filter(e -> e.kind() == RpcCallException.Kind.UNAUTHORIZED)
                .map(e -> ConnectionStatus.State.UNAUTHORIZED).orElse(ConnectionStatus.State.UNREACHABLE);
        if (service.state() == ServiceControl.State.STOPPED || service.state() == ServiceControl.State.STOPPING) {
            state = ConnectionStatus.State.STOPPED;
        }
        return new ConnectionStatus(state, baseUrl, "", ServiceCapabilities.NONE,
                error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
    }

    private void publish(ConnectionStatus status) {
        inFlight = null;
        ConnectionStatus previous = current;
        current = status;
        if (!status.equals(previous)) {
            listeners.forEach(l -> l.accept(status));
        }
        timer.setInitialDelay((int) (status.connected() ? connectedInterval : retryInterval).toMillis());
        timer.restart();
    }

    @Override
    public void close() {
        timer.stop();
        if (inFlight != null) {
            inFlight.cancel(true);
        }
    }
}
