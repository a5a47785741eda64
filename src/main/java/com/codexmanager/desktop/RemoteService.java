package com.codexmanager.desktop;

import com.codexmanager.desktop.rpc.RpcEndpoint;
import java.util.concurrent.CompletableFuture;

/**
 * A service run elsewhere ({@code CODEXMANAGER_NO_SERVICE}): the desktop only connects to it and cannot start or
 * stop it. Immutable.
 */
public final class RemoteService implements ServiceControl {
    private final RpcEndpoint endpoint;

    public RemoteService(RpcEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public State state() {
        return State.REMOTE;
    }

    @Override
    public boolean embedded() {
        return false;
    }

    @Override
    public RpcEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public CompletableFuture<Void> start() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("remote service"));
    }

    @Override
    public CompletableFuture<Void> stop() {
        return start();
    }

    @Override
    public CompletableFuture<Void> restart() {
        return start();
    }

    @Override
    public void addListener(Runnable listener) {
        // A remote service's lifecycle is not observable here; the connection monitor reports reachability.
    }

    @Override
    public void close() {
        // Nothing owned.
    }
}
