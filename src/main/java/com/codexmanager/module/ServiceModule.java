package com.codexmanager.module;

import com.codexmanager.server.HttpRoutes;
import java.time.Duration;
import java.util.List;

/**
 * One feature area of the service (accounts, usage, keys, gateway, …). A module is built from the
 * {@link ServiceContext} before the HTTP server starts, registers its RPC methods in its constructor or factory,
 * contributes HTTP routes, may start background work in {@link #start()} once the server is listening, and
 * releases everything in {@link #close()}. Modules are closed in reverse order of creation.
 */
public interface ServiceModule extends AutoCloseable {
    /** HTTP routes of this module; called once before the server starts. */
    default List<HttpRoutes> routes() {
        return List.of();
    }

    /** Starts background work; called once after the server is listening. */
    default void start() {
    }

    /**
     * Shutdown, right after the server closed its port: stop taking new work on long-lived connections that the
     * server does not count as requests (WebSockets), and close the idle ones. Must not block.
     */
    default void stopAccepting() {
    }

    /**
     * Shutdown, during the drain period: waits up to {@code timeout} for the module's long-lived work to finish.
     *
     * @return whether none is left
     */
    default boolean awaitDrained(Duration timeout) {
        return true;
    }

    /**
     * Shutdown, after the drain period: end long-running requests now, each with a protocol-correct ending
     * (a terminal error event), so that the server can stop without resetting connections. Must not block.
     */
    default void endOpenStreams() {
    }

    /** Stops background work and releases resources; must not throw. */
    @Override
    default void close() {
    }
}
