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

    CompletableFuture<Void> start();

    CompletableFuture<Void> stop();

    /** Stops and starts again, e.g. after a setting that needs a restart changed. */
    CompletableFuture<Void> restart();

    /** Called after every state change, on the thread that changed it. */
    void addListener(Runnable listener);

    @Override
    void close();
}
