package com.codexmanager.service;

import com.codexmanager.config.DataDir;
import com.codexmanager.rpc.RpcMethod;
import com.codexmanager.rpc.RpcParam;
import com.codexmanager.rpc.RpcRegistry;
import com.codexmanager.settings.AppSettingsService;
import com.codexmanager.settings.AppSettingsView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code initialize}, {@code rpc/methods}, {@code appSettings/get} and {@code appSettings/set}. */
final class SystemRpcMethods {
    private SystemRpcMethods() {
    }

    static void register(RpcRegistry registry, AppSettingsService appSettings, DataDir dataDir,
            java.util.function.Supplier<String> serviceAddress) {
        registry.register(new RpcMethod("initialize", "Service version, data dir and address.", List.of(),
                p -> {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("version", Version.current());
                    result.put("userAgent", "codexmanager/" + Version.current());
                    result.put("dataDir", dataDir.root().toString());
                    result.put("dbPath", dataDir.databaseFile().toString());
                    result.put("serviceAddr", serviceAddress.get());
                    result.put("platformOS", System.getProperty("os.name"));
                    result.put("javaVersion", Runtime.version().toString());
                    return result;
                }));
        registry.register(new RpcMethod("rpc/methods", "Every RPC method with its declared parameters.", List.of(),
                p -> Map.of("methods", registry.all().stream().map(SystemRpcMethods::describe).toList())));
        registry.register(new RpcMethod("appSettings/get",
                "All settings with value, source and whether they are editable.", List.of(),
                p -> AppSettingsView.of(appSettings.current())));
        registry.register(new RpcMethod("appSettings/set",
                "Saves a partial patch {key: value|null}; environment-pinned and locked settings are refused.",
                List.of(RpcParam.optional("<settingKey>", "any", "any setting key, e.g. routeStrategy")),
                p -> AppSettingsView.of(appSettings.update(p.raw()))));
    }

    private static Map<String, Object> describe(RpcMethod m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("description", m.description());
        out.put("params", m.params());
        return out;
    }
}
