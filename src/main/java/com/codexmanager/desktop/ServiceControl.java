package com.codexmanager.desktop;

import com.codexmanager.desktop.rpc.RpcEndpoint;
import java.util.concurrent.CompletableFuture;

/**
 * The service the desktop manages: the embedded one (which the tray can stop and start) or a remote one
 * ({@code CODEXMANAGER_NO_SERVICE}), which it only connects to. Thread-safe; listeners run on any thread.
 */
public interface ServiceControl extends AutoCloseable {
    /** Lifecycle of the service as far as this desktop knows it. */
    enum State { STARTING, RUNNING, STOPPING, STOPPED, REMOTE }

    State state();

    /** Whether start/stop are possible (false for a remote service). */
    boolean embedded();

    /** Where to send RPC calls now. */
    RpcEndpoint endpoint();

    /**
     * Whether a start is waiting for its listen address to become free (state {@link State#STARTING}): the port of
     * a service stopped a moment ago can stay taken for a while, so the start retries instead of failing.
     */
    default boolean waitingForAddress() {
        return false;
    }

    /** Starts the service; completes once it runs, or fails (an embedded start retries a taken port first). */
    CompletableFuture<Void> start();

    /** Stops the service, and a start still waiting for its address. */
    CompletableFuture<Void> stop();

    /** Stops and starts again, e.g. after a setting that needs a restart changed. */
    CompletableFuture<Void> restart();

    /** Called after every state change, on the thread that changed it. */
    void addListener(Runnable listener);

    @Override
    void close();
}
