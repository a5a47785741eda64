package com.codexmanager.config;

/**
 * Where the effective value of a setting came from. The process environment wins over the env file, the env file
 * over values stored through {@code appSettings/set}, those over defaults.
 */
public enum SettingSource {
    ENVIRONMENT("environment"), ENV_FILE("envFile"), STORED("stored"), DEFAULT("default");

    private final String key;

    SettingSource(String key) {
        this.key = key;
    }

    /** The name used over RPC ({@code appSettings/get}'s {@code source}). */
    public String key() {
        return key;
    }

    /** Whether the value is pinned by a variable (process environment or env file) and cannot be changed over RPC. */
    public boolean pinned() {
        return this == ENVIRONMENT || this == ENV_FILE;
    }
}
