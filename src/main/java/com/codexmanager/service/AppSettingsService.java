package com.codexmanager.service;

import com.codexmanager.config.ProxyUrl;
import com.codexmanager.config.Setting;
import com.codexmanager.config.SettingSource;
import com.codexmanager.config.SettingType;
import com.codexmanager.config.SettingValueParser;
import com.codexmanager.config.Settings;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.store.AppSettingsRepository;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The live settings: environment values win, then values saved here, then defaults. {@link #update} validates a
 * patch, saves it and publishes a new {@link Settings} snapshot to listeners. Thread-safe.
 */
public final class AppSettingsService {
    private final Map<String, String> env;
    private final AppSettingsRepository repository;
    private final Clock clock;
    private final List<Consumer<Settings>> listeners = new CopyOnWriteArrayList<>();
    private volatile Settings current;

    public AppSettingsService(Map<String, String> env, AppSettingsRepository repository, Clock clock) {
        this.env = Map.copyOf(env);
        this.repository = repository;
        this.clock = clock;
        this.current = Settings.of(this.env, stored());
    }

    public Settings current() {
        return current;
    }

    /** Registers a listener called (on the updating thread) with each new snapshot. */
    public void onChange(Consumer<Settings> listener) {
        listeners.add(listener);
    }

    /**
     * Applies a patch {@code {key: value|null}} where keys are setting keys ({@code routeStrategy}) or env names.
     * {@code null} clears the stored value. All entries are validated before anything is saved.
     */
    public synchronized Settings update(JsonObject patch) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : patch.entrySet()) {
            Setting setting = Setting.find(entry.getKey()).orElseThrow(
                    () -> RpcException.invalidParams(entry.getKey(), "is not a known setting"));
            if (setting.locked()) {
                throw RpcException.invalidParams(entry.getKey(),
                        "can only be set through the environment variable " + setting.envName());
            }
            if (current.source(setting) == SettingSource.ENVIRONMENT) {
                throw RpcException.invalidParams(entry.getKey(),
                        "is pinned by the environment variable " + setting.envName());
            }
            changes.put(setting.name(), canonical(entry.getKey(), setting, entry.getValue()));
        }
        repository.putAll(changes, clock.instant());
        Settings next = Settings.of(env, stored());
        current = next;
        listeners.forEach(l -> l.accept(next));
        return next;
    }

    private String canonical(String field, Setting setting, JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive()) {
            throw RpcException.invalidParams(field, "must be a string, number or boolean");
        }
        String raw = value.getAsString();
        if (raw.isBlank() && setting.type() != SettingType.FLAG) {
            return null;
        }
        SettingValueParser.Result parsed = SettingValueParser.parse(setting, raw);
        if (parsed.problem().isPresent()) {
            throw RpcException.invalidParams(field, parsed.problem().get());
        }
        String canonical = parsed.value().orElseThrow();
        return setting.type() == SettingType.PROXY_URL ? keepMaskedPassword(field, setting, canonical) : canonical;
    }

    /**
     * The settings page shows a proxy URL with {@code ***} for its password; saving it back (say, after changing
     * only the port) keeps the password already in effect.
     */
    private String keepMaskedPassword(String field, Setting setting, String value) {
        Optional<ProxyUrl> patched = ProxyUrl.parse(value);
        if (patched.isEmpty() || !ProxyUrl.MASK.equals(patched.get().password())) {
            return value;
        }
        String password = ProxyUrl.parse(current.text(setting)).map(ProxyUrl::password).orElse(null);
        if (password == null) {
            throw RpcException.invalidParams(field, "has '" + ProxyUrl.MASK + "' as password but no password is "
                    + "stored to keep; type the real password");
        }
        return patched.get().withPassword(password).canonical();
    }

    private Map<Setting, String> stored() {
        Map<Setting, String> out = new EnumMap<>(Setting.class);
        repository.all().forEach((name, value) -> Setting.find(name).ifPresent(s -> out.put(s, value)));
        return out;
    }
}
