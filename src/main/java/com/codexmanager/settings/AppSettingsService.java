package com.codexmanager.settings;

import com.codexmanager.config.EnvFileReport;
import com.codexmanager.config.ProxyUrl;
import com.codexmanager.config.Setting;
import com.codexmanager.config.SettingSource;
import com.codexmanager.config.SettingType;
import com.codexmanager.config.SettingValueParser;
import com.codexmanager.config.Settings;
import com.codexmanager.crypto.SecretBox;
import com.codexmanager.rpc.RpcException;
import com.codexmanager.store.AppSettingsRepository;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The live settings: environment values win (the process's, then the env file's), then values saved here (the
 * sensitive ones encrypted, see {@link StoredSettings}), then defaults. {@link #update} validates a
 * patch, saves it and publishes a new {@link Settings} snapshot to listeners. Thread-safe.
 */
public final class AppSettingsService {
    private final Map<String, String> env;
    private final EnvFileReport envFile;
    private final StoredSettings stored;
    private final Clock clock;
    private final List<Consumer<Settings>> listeners = new CopyOnWriteArrayList<>();
    private volatile Settings current;
    /** What the store held at the last read; guarded by this. */
    private Map<Setting, String> storedValues;

    /**
     * @param envFile what the env file supplied to {@code env} ({@link EnvFileReport#NONE} when none)
     * @param box     seals the sensitive stored values (cookie, proxy URL); plain ones from older versions are sealed
     *                here, once
     */
    public AppSettingsService(Map<String, String> env, EnvFileReport envFile, AppSettingsRepository repository,
            SecretBox box, Clock clock) {
        this.env = Map.copyOf(env);
        this.envFile = envFile;
        this.stored = new StoredSettings(repository, box);
        this.clock = clock;
        stored.encryptPlainValues(clock.instant());
        this.storedValues = stored.read();
        this.current = Settings.of(this.env, envFile, storedValues);
    }

    public Settings current() {
        return current;
    }

    /**
     * Re-reads the stored settings (another instance of a shared database changed some); listeners hear of a new
     * snapshot only when something differs.
     */
    public synchronized void reload() {
        Map<Setting, String> values = stored.read();
        if (!values.equals(storedValues)) {
            storedValues = values;
            Settings next = Settings.of(env, envFile, values);
            current = next;
            listeners.forEach(l -> l.accept(next));
        }
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
            SettingSource source = current.source(setting);
            if (source.pinned()) {
                throw RpcException.invalidParams(entry.getKey(), "is pinned by " + setting.envName()
                        + (source == SettingSource.ENV_FILE ? " in " + envFile.file() : " in the environment"));
            }
            changes.put(setting.name(), canonical(entry.getKey(), setting, entry.getValue()));
        }
        stored.write(changes, clock.instant());
        storedValues = stored.read();
        Settings next = Settings.of(env, envFile, storedValues);
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
}
