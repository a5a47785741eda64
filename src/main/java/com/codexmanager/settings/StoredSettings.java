package com.codexmanager.settings;

import com.codexmanager.config.Setting;
import com.codexmanager.crypto.SecretBox;
import com.codexmanager.crypto.SecretUnavailableException;
import com.codexmanager.store.AppSettingsRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values saved through {@code appSettings/set}, with the sensitive ones ({@link Setting#encryptedAtRest()}: the
 * upstream cookie, the proxy URL with its password) sealed by the {@link SecretBox} under the master key, like account
 * tokens. A stored value is {@value #SEALED_PREFIX} followed by the sealed form; the context is
 * {@code app_settings/<NAME>}, so a value copied to another setting does not open.
 *
 * <p>{@link #encryptPlainValues} seals sensitive values written in plain text by older versions. A sealed value that
 * no longer opens (the key file was replaced) is left out with a warning: the setting falls back to its default until
 * it is saved again. Thread-safe (the repository is; no state here).
 */
final class StoredSettings {
    private static final Logger log = LoggerFactory.getLogger(StoredSettings.class);
    static final String SEALED_PREFIX = "sealed:";

    private final AppSettingsRepository repository;
    private final SecretBox box;

    StoredSettings(AppSettingsRepository repository, SecretBox box) {
        this.repository = repository;
        this.box = box;
    }

    /** Every stored value of a known setting, opened. */
    Map<Setting, String> read() {
        Map<Setting, String> out = new EnumMap<>(Setting.class);
        repository.all().forEach((name, value) -> Setting.find(name).ifPresent(setting -> {
            if (!setting.encryptedAtRest() || !value.startsWith(SEALED_PREFIX)) {
                out.put(setting, value);
                return;
            }
            try {
                out.put(setting, box.open(value.substring(SEALED_PREFIX.length()), context(setting)));
            } catch (SecretUnavailableException e) {
                log.warn("Stored setting {} cannot be decrypted ({}); it is ignored until it is saved again",
                        setting.key(), e.getMessage());
            }
        }));
        return out;
    }

    /** Saves a patch by setting name; {@code null} deletes. Sensitive values are sealed before they are written. */
    void write(Map<String, String> byName, Instant now) {
        Map<String, String> sealed = new LinkedHashMap<>();
        byName.forEach((name, value) -> sealed.put(name, seal(name, value)));
        repository.putAll(sealed, now);
    }

    /** Seals sensitive values an older version stored in plain text; returns the keys of the settings it sealed. */
    List<String> encryptPlainValues(Instant now) {
        Map<String, String> updates = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        repository.all().forEach((name, value) -> Setting.find(name).ifPresent(setting -> {
            if (setting.encryptedAtRest() && !value.startsWith(SEALED_PREFIX)) {
                updates.put(name, seal(name, value));
                keys.add(setting.key());
            }
        }));
        if (!updates.isEmpty()) {
            repository.putAll(updates, now);
            log.info("Encrypted stored settings that were kept in plain text: {}", String.join(", ", keys));
        }
        return keys;
    }

    private String seal(String name, String value) {
        Setting setting = Setting.find(name).orElse(null);
        if (value == null || setting == null || !setting.encryptedAtRest()) {
            return value;
        }
        return SEALED_PREFIX + box.seal(value, context(setting));
    }

    private static String context(Setting setting) {
        return "app_settings/" + setting.name();
    }
}
