package com.codexmanager.desktop.model;

import com.codexmanager.desktop.rpc.RpcCall;
import com.codexmanager.desktop.rpc.RpcClient;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The platform-key RPC methods ({@code apikey/*}) in one place. Thread-safe. */
public final class KeysApi {
    public static final Set<String> REQUIRED = Set.of("apikey/list");

    private final RpcClient rpc;

    public KeysApi(RpcClient rpc) {
        this.rpc = rpc;
    }

    /** A model offered for binding. Immutable. */
    public record Model(String slug, String displayName) {
    }

    /** The just-created key: the only time the secret is seen. Immutable; {@link #toString()} hides it. */
    public record CreatedKey(String id, String key) {
        @Override
        public String toString() {
            return "CreatedKey[" + id + ", key=***]";
        }
    }

    public CompletableFuture<List<KeyRow>> list() {
        return rpc.call(RpcCall.KEY_LIST).thenApply(r -> {
            List<KeyRow> rows = new ArrayList<>();
            Json2.objects(r, "items").forEach(k -> rows.add(KeyRow.from(k)));
            return rows;
        });
    }

    /** Models for the binding list; empty when the service cannot list them. */
    public CompletableFuture<List<Model>> models() {
        return rpc.call(RpcCall.KEY_MODELS).handle((r, error) -> {
            List<Model> models = new ArrayList<>();
            if (error == null) {
                Json2.objects(r, "items").forEach(m -> models.add(new Model(Json2.text(m, "slug", "id"),
                        Json2.text(m, "displayName", "slug", "id"))));
            }
            return models;
        });
    }

    /** Creates a key from the dialog's fields ({@code name, protocolType, modelSlug, …}). */
    public CompletableFuture<CreatedKey> create(JsonObject params) {
        return rpc.call(RpcCall.KEY_CREATE, params)
                .thenApply(r -> new CreatedKey(Json2.text(r, "id", "keyId"), Json2.text(r, "key", "secret")));
    }

    public CompletableFuture<Void> setEnabled(String id, boolean enabled) {
        return rpc.call(enabled ? RpcCall.KEY_ENABLE : RpcCall.KEY_DISABLE, idParam(id)).thenApply(r -> null);
    }

    public CompletableFuture<Void> delete(String id) {
        return rpc.call(RpcCall.KEY_DELETE, idParam(id)).thenApply(r -> null);
    }

    private static JsonObject idParam(String id) {
        JsonObject params = new JsonObject();
        params.addProperty("id", id);
        return params;
    }
}
