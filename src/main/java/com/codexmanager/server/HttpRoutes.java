package com.codexmanager.server;

import io.javalin.config.RoutesConfig;

/** A feature's HTTP routes, registered while the server is configured (Javalin 7 fixes routes at creation). */
@FunctionalInterface
public interface HttpRoutes {
    void register(RoutesConfig routes);
}
