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

/** The platform-key RPC methods ({@code apikey/*}), usage per key included, in one place. Thread-safe. */
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
     * What each key did since {@code since} ({@code apikey/usage}, one call per key, read from the request log's
     * hourly totals); a key whose call failed is left out.
     */
    public CompletableFuture<Map<String, KeyRow.Usage>> usageSince(List<KeyRow> keys, Instant since) {
        Map<String, CompletableFuture<KeyRow.Usage>> calls = new LinkedHashMap<>();
        for (KeyRow key : keys) {
            JsonObject params = new JsonObject();
            params.addProperty("id", key.id());
            params.addProperty("from", since.getEpochSecond());
            calls.put(key.id(), rpc.call(RpcCall.KEY_USAGE, params).handle((r, error) -> error != null ? null
                    : new KeyRow.Usage(Json2.number(r, "requests", 0), Json2.number(r, "inputTokens", 0),
                            Json2.number(r, "outputTokens", 0), Json2.number(r, "errors", 0))));
        }
        return CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, KeyRow.Usage> out = new LinkedHashMap<>();
            calls.forEach((id, call) -> {
                KeyRow.Usage usage = call.join();
                if (usage != null) {
                    out.put(id, usage);
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
