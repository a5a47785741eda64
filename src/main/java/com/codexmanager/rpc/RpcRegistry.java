package com.codexmanager.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The methods the dispatcher knows. Feature areas register their methods while the service starts; lookups are
 * concurrent afterwards. Thread-safe.
 */
public final class RpcRegistry {
    private final Map<String, RpcMethod> methods = new ConcurrentHashMap<>();

    /** @throws IllegalStateException when a method of that name is already registered */
    public void register(RpcMethod method) {
        if (methods.putIfAbsent(method.name(), method) != null) {
            throw new IllegalStateException("RPC method registered twice: " + method.name());
        }
    }

    public Optional<RpcMethod> find(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    /** All methods sorted by name. */
    public List<RpcMethod> all() {
        List<RpcMethod> list = new ArrayList<>(methods.values());
        list.sort(java.util.Comparator.comparing(RpcMethod::name));
        return list;
    }
}
