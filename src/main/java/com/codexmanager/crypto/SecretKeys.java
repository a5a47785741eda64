package com.codexmanager.crypto;

import com.codexmanager.config.InvalidSettingException;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * Where the master key comes from. {@code CODEXMANAGER_SECRET_KEY} (base64 of 32 bytes) or
 * {@code CODEXMANAGER_SECRET_KEY_FILE} when set — they must be the same on every instance of one PostgreSQL
 * database, and the key is never stored in it; otherwise, with the embedded H2 file, the data dir's
 * {@code codexmanager.key}. On PostgreSQL a key is required: without one the service refuses to start and says
 * how to make one. Stateless.
 */
public final class SecretKeys {
    static final String HOW_TO_MAKE = "make one with: head -c 32 /dev/urandom | base64";

    private SecretKeys() {
    }

    /**
     * @param sharedDatabase whether the database is shared by instances (PostgreSQL)
     * @throws InvalidSettingException when the configured key is malformed, or missing on a shared database
     */
    public static MasterKey resolve(Settings settings, Path dataDirKeyFile, boolean sharedDatabase,
            SecureRandom random, Clock clock) {
        if (settings.isSet(Setting.SECRET_KEY)) {
            return decode(settings.text(Setting.SECRET_KEY), Setting.SECRET_KEY.envName());
        }
        if (settings.isSet(Setting.SECRET_KEY_FILE)) {
            return fromFile(Path.of(settings.text(Setting.SECRET_KEY_FILE)));
        }
        if (sharedDatabase) {
            throw new InvalidSettingException(List.of(Setting.DB_URL.envName() + " is set, so the key that encrypts "
                    + "tokens must be shared by every instance: set " + Setting.SECRET_KEY.envName() + " (or "
                    + Setting.SECRET_KEY_FILE.envName() + ") to the same value everywhere; " + HOW_TO_MAKE
                    + ". To move an existing data dir, see 'codexmanager db copy --help'."));
        }
        return MasterKey.loadOrCreate(dataDirKeyFile, random, clock);
    }

    static MasterKey decode(String base64, String origin) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.strip());
            if (bytes.length == 32) {
                return MasterKey.of(bytes);
            }
            throw new InvalidSettingException(List.of(origin + " must be base64 of 32 bytes, not " + bytes.length
                    + " bytes; " + HOW_TO_MAKE));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(List.of(origin + " is not base64; " + HOW_TO_MAKE));
        }
    }

    private static MasterKey fromFile(Path file) {
        String origin = Setting.SECRET_KEY_FILE.envName() + " (" + file + ")";
        try {
            return MasterKey.read(file).orElseGet(() -> decode(readText(file), origin));
        } catch (IOException e) {
            throw new InvalidSettingException(List.of(origin + " cannot be read: " + e.getMessage()));
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidSettingException(List.of(Setting.SECRET_KEY_FILE.envName() + " (" + file
                    + ") cannot be read: " + e.getMessage()));
        }
    }
}
