package com.codexmanager.desktop.model;

import com.codexmanager.desktop.rpc.RpcCall;
import com.codexmanager.desktop.rpc.RpcClient;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The platform-key RPC methods ({@code apikey/*}) and the per-key request counts in one place. Thread-safe. */
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

    /**
     * Requests each key made since {@code since}, from the request log ({@code requestlog/list} filtered by key, one
     * call per key, reading only the total); a key whose count failed is left out.
     */
    public CompletableFuture<Map<String, KeyRow.RequestCount>> requestsSince(List<KeyRow> keys, Instant since) {
        Map<String, CompletableFuture<KeyRow.RequestCount>> calls = new LinkedHashMap<>();
        for (KeyRow key : keys) {
            JsonObject params = new JsonObject();
            params.addProperty("keyId", key.id());
            params.addProperty("from", since.getEpochSecond());
            params.addProperty("pageSize", 1);
            calls.put(key.id(), rpc.call(RpcCall.LOG_LIST, params).handle((r, error) -> error != null ? null
                    : new KeyRow.RequestCount(Json2.number(r, "total", 0), Json2.bool(r, "totalCapped", false))));
        }
        return CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, KeyRow.RequestCount> out = new LinkedHashMap<>();
            calls.forEach((id, call) -> {
                KeyRow.RequestCount count = call.join();
                if (count != null) {
                    out.put(id, count);
                }
            });
            return out;
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

    public CompletableFuture<CreatedKey> create(KeyDraft draft) {
        return rpc.call(RpcCall.KEY_CREATE, draft.createParams())
                .thenApply(r -> new CreatedKey(Json2.text(r, "id", "keyId"), Json2.text(r, "key", "secret")));
    }

    /** Makes the key exactly as drafted (fields left blank are cleared; a blank Azure key keeps the stored one). */
    public CompletableFuture<Void> update(String id, KeyDraft draft) {
        return rpc.call(RpcCall.KEY_UPDATE, draft.updateParams(id)).thenApply(r -> null);
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
