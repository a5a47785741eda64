package com.codexmanager.service;

import com.codexmanager.server.HttpRoutes;
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
