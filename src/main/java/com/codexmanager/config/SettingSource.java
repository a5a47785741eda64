package com.codexmanager.config;

/** Where the effective value of a setting came from. Environment wins over stored values, stored over defaults. */
public enum SettingSource {
    ENVIRONMENT, STORED, DEFAULT
}
