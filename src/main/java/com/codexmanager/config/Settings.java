package com.codexmanager.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of every {@link Setting}'s effective value, built from the process environment (after
 * env-file loading) and the values stored through {@code appSettings/set}.
 *
 * <p>Invalid values fall back to the default; each produces one warning naming the variable
 * ({@link #warnings()}). Thread-safe (immutable).
 */
public final class Settings {
    private final Map<Setting, String> values;
    private final Map<Setting, SettingSource> sources;
    private final List<String> warnings;

    private Settings(Map<Setting, String> values, Map<Setting, SettingSource> sources, List<String> warnings) {
        this.values = values;
        this.sources = sources;
        this.warnings = List.copyOf(warnings);
    }

    /** Settings from the environment only. */
    public static Settings fromEnvironment(Map<String, String> env) {
        return of(env, Map.of());
    }

    /**
     * Builds a snapshot. {@code env} holds environment variables by full name; {@code stored} holds values saved
     * over RPC by setting. Stored values of locked settings are ignored.
     */
    public static Settings of(Map<String, String> env, Map<Setting, String> stored) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Map<Setting, SettingSource> sources = new EnumMap<>(Setting.class);
        List<String> warnings = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            String fromEnv = env.get(setting.envName());
            String fromStore = setting.locked() ? null : stored.get(setting);
            if (fromEnv != null && accept(setting, fromEnv, SettingSource.ENVIRONMENT, values, sources, warnings)) {
                continue;
            }
            if (fromStore != null && accept(setting, fromStore, SettingSource.STORED, values, sources, warnings)) {
                continue;
            }
            values.put(setting, defaultOf(setting));
            sources.put(setting, SettingSource.DEFAULT);
        }
        return new Settings(values, sources, warnings);
    }

    private static boolean accept(Setting setting, String raw, SettingSource source, Map<Setting, String> values,
            Map<Setting, SettingSource> sources, List<String> warnings) {
        if (setting.type() != SettingType.FLAG && raw.isBlank()) {
            return false;
        }
        SettingValueParser.Result result = SettingValueParser.parse(setting, raw);
        if (result.problem().isPresent()) {
            String shown = setting.secret() ? "(hidden)" : "'" + ProxyUrl.masked(raw) + "'";
            String where = source == SettingSource.ENVIRONMENT ? setting.envName() : "stored " + setting.key();
            warnings.add(where + "=" + shown + " " + result.problem().get() + "; using the default '"
                    + setting.defaultValue() + "'");
            return false;
        }
        values.put(setting, result.value().orElseThrow());
        sources.put(setting, source);
        return true;
    }

    private static String defaultOf(Setting setting) {
        if (setting.type() == SettingType.FLAG) {
            return "false";
        }
        return setting.defaultValue().isEmpty() ? "" : SettingValueParser.parse(setting, setting.defaultValue())
                .value().orElse(setting.defaultValue());
    }

    /** The effective value as text; empty for unset optional settings. */
    public String text(Setting setting) {
        return values.get(setting);
    }

    public boolean isSet(Setting setting) {
        return !values.get(setting).isEmpty();
    }

    public long number(Setting setting) {
        requireType(setting, SettingType.INTEGER);
        return Long.parseLong(values.get(setting));
    }

    public int integer(Setting setting) {
        return Math.toIntExact(number(setting));
    }

    public boolean enabled(Setting setting) {
        if (setting.type() != SettingType.BOOLEAN && setting.type() != SettingType.FLAG) {
            throw new IllegalArgumentException(setting + " is not a boolean setting");
        }
        return Boolean.parseBoolean(values.get(setting));
    }

    public HostPort address(Setting setting) {
        requireType(setting, SettingType.ADDRESS);
        return HostPort.parse(values.get(setting)).orElseThrow();
    }

    /**
     * The value as people may see it: secrets are {@code ***} when set, proxy URLs lose their password
     * ({@link ProxyUrl#masked}), everything else is {@link #text}.
     */
    public String shown(Setting setting) {
        String value = values.get(setting);
        if (setting.secret()) {
            return value.isEmpty() ? "" : ProxyUrl.MASK;
        }
        return setting.type() == SettingType.PROXY_URL ? ProxyUrl.masked(value) : value;
    }

    /** The parsed {@link Setting#UPSTREAM_PROXY_URL}; empty means direct connections. */
    public java.util.Optional<ProxyUrl> upstreamProxy() {
        return ProxyUrl.parse(values.get(Setting.UPSTREAM_PROXY_URL));
    }

    public SettingSource source(Setting setting) {
        return sources.get(setting);
    }

    /** One message per invalid value that fell back to its default. */
    public List<String> warnings() {
        return warnings;
    }

    private static void requireType(Setting setting, SettingType type) {
        if (setting.type() != type) {
            throw new IllegalArgumentException(setting + " is " + setting.type() + ", not " + type);
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Settings{");
        for (Setting s : Setting.values()) {
            out.append(s.name()).append('=').append(shown(s)).append(", ");
        }
        return out.append('}').toString();
    }
}
