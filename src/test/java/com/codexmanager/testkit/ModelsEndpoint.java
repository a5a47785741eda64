package com.codexmanager.testkit;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code GET /backend-api/codex/models?client_version=…} (codex-protocol.md §4, §9.3): the catalogue for the
 * caller's plan, with an {@code ETag} equal to {@code x-models-etag} on {@code /responses}; or, while the catalogue
 * says so, {@code 404 {"detail":"Not Found"}} as from an upstream without the endpoint (§8.1: callers then go on
 * without a catalogue). Thread-safe.
 */
final class ModelsEndpoint {
    private final BackendAuth auth;
    private final ModelCatalog catalog;

    ModelsEndpoint(BackendAuth auth, ModelCatalog catalog) {
        this.auth = auth;
        this.catalog = catalog;
    }

    void models(Context ctx) {
        if (catalog.listUnavailable()) {
            Replies.detail(ctx, 404, "Not Found");
            return;
        }
        Optional<FakeAccount> caller = auth.authenticate(ctx);
        if (caller.isEmpty()) {
            return;
        }
        String etag = catalog.etag();
        ctx.header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        Replies.json(ctx, 200, catalog.catalogue(caller.get().planType(), ctx.queryParam("client_version")));
    }
}
