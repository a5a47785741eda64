package com.codexmanager.desktop.rpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * The RPC methods the connected service offers (from {@code rpc/methods}), so that pages for features the service
 * does not have yet show a friendly "not available" state instead of failing. Immutable.
 */
public record ServiceCapabilities(Set<String> methods, String version) {
    public static final ServiceCapabilities NONE = new ServiceCapabilities(Set.of(), "");

    public ServiceCapabilities {
        methods = Set.copyOf(methods);
    }

    public static ServiceCapabilities from(JsonObject rpcMethods, String version) {
        Set<String> names = new HashSet<>();
        if (rpcMethods.has("methods") && rpcMethods.get("methods").isJsonArray()) {
            for (JsonElement m : rpcMethods.getAsJsonArray("methods")) {
                if (m.isJsonObject() && m.getAsJsonObject().has("name")) {
                    names.add(m.getAsJsonObject().get("name").getAsString());
                }
            }
        }
        return new ServiceCapabilities(names, version);
    }

    public boolean has(String method) {
        return methods.contains(method);
    }

    /** Whether every one of {@code required} is offered. */
    public boolean hasAll(Set<String> required) {
        return methods.containsAll(required);
    }
}
