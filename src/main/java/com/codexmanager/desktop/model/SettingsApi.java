package com.codexmanager.desktop.model;

import com.codexmanager.desktop.rpc.RpcCall;
import com.codexmanager.desktop.rpc.RpcClient;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.concurrent.CompletableFuture;

/** {@code appSettings/get} and {@code appSettings/set} for the settings page. Thread-safe. */
public final class SettingsApi {
    private final RpcClient rpc;

    public SettingsApi(RpcClient rpc) {
        this.rpc = rpc;
    }

    public CompletableFuture<SettingsSnapshot> load() {
        return rpc.call(RpcCall.SETTINGS_GET).thenApply(SettingsSnapshot::from);
    }

    /**
     * Saves one value; {@code null} resets it to the default. Fails with an INVALID_PARAMS
     * {@link com.codexmanager.desktop.rpc.RpcCallException} naming the field when the service refuses the value.
     */
    public CompletableFuture<SettingsSnapshot> save(String key, Object value) {
        JsonObject patch = new JsonObject();
        JsonElement element = value == null ? JsonNull.INSTANCE
                : value instanceof Boolean b ? new JsonPrimitive(b) : new JsonPrimitive(value.toString());
        patch.add(key, element);
        return rpc.call(RpcCall.SETTINGS_SET, patch).thenApply(SettingsSnapshot::from);
    }
}
