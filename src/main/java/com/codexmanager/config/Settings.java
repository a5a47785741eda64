package com.codexmanager.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of every {@link Setting}'s effective value, built from the process environment (after
 * env-file loading) and the values stored through {@code appSettings/set}.
 *
 * <p>Invalid values fall back to the default; each produces one warning naming the variable and where it came from
 * ({@link #warnings()}), or, for a setting the service needs to start, a start error ({@link #startErrors()}).
 * Thread-safe (immutable).
 */
public final class Settings {
    private final Map<Setting, String> values;
    private final Map<Setting, SettingSource> sources;
    private final List<String> warnings;
    private final List<String> startErrors;
    private final EnvFileReport envFile;

    private Settings(Map<Setting, String> values, Map<Setting, SettingSource> sources, List<String> warnings,
            List<String> startErrors, EnvFileReport envFile) {
        this.values = values;
        this.sources = sources;
        this.warnings = List.copyOf(warnings);
        this.startErrors = List.copyOf(startErrors);
        this.envFile = envFile;
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
        return of(env, EnvFileReport.NONE, stored);
    }

    /**
     * As {@link #of(Map, Map)}, with {@code envFile} telling which of {@code env}'s variables came from the env file
     * (their source is {@link SettingSource#ENV_FILE}).
     */
    public static Settings of(Map<String, String> env, EnvFileReport envFile, Map<Setting, String> stored) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Map<Setting, SettingSource> sources = new EnumMap<>(Setting.class);
        List<String> warnings = new ArrayList<>();
        List<String> startErrors = new ArrayList<>();
        for (String retired : RetiredSettings.names()) {
            if (env.containsKey(retired)) {
                RetiredSettings.warning(retired).ifPresent(warnings::add);
            }
        }
        for (Setting setting : Setting.values()) {
            String fromEnv = env.get(setting.envName());
            String fromStore = setting.locked() ? null : stored.get(setting);
            SettingSource envSource = envFile.supplied(setting.envName()) ? SettingSource.ENV_FILE
                    : SettingSource.ENVIRONMENT;
            if (fromEnv != null && !unset(setting, fromEnv)) {
                Optional<String> problem = accept(setting, fromEnv, envSource, values, sources);
                if (problem.isEmpty()) {
                    continue;
                }
                String message = setting.envName() + "=" + shown(setting, fromEnv) + " ("
                        + origin(envSource, envFile) + ") " + problem.get();
                if (setting.neededToStart()) {
                    startErrors.add(message);
                } else {
                    warnings.add(message + "; using the default '" + setting.defaultValue() + "'");
                }
            }
            if (fromStore != null && !unset(setting, fromStore)) {
                Optional<String> problem = accept(setting, fromStore, SettingSource.STORED, values, sources);
                if (problem.isEmpty()) {
                    continue;
                }
                warnings.add("stored " + setting.key() + "=" + shown(setting, fromStore) + " " + problem.get()
                        + "; using the default '" + setting.defaultValue() + "'");
            }
            values.put(setting, defaultOf(setting));
            sources.put(setting, SettingSource.DEFAULT);
        }
        return new Settings(values, sources, warnings, startErrors, envFile);
    }

    /** A blank value means "not set" (the next source counts), except for presence flags. */
    private static boolean unset(Setting setting, String raw) {
        return setting.type() != SettingType.FLAG && raw.isBlank();
    }

    /** Empty when the value was taken; otherwise why it is invalid. */
    private static Optional<String> accept(Setting setting, String raw, SettingSource source,
            Map<Setting, String> values, Map<Setting, SettingSource> sources) {
        SettingValueParser.Result result = SettingValueParser.parse(setting, raw);
        if (result.problem().isPresent()) {
            return result.problem();
        }
        values.put(setting, result.value().orElseThrow());
        sources.put(setting, source);
        return Optional.empty();
    }

    private static String shown(Setting setting, String raw) {
        return setting.secret() ? "(hidden)" : "'" + ProxyUrl.masked(raw) + "'";
    }

    private static String origin(SettingSource source, EnvFileReport envFile) {
        return source == SettingSource.ENV_FILE ? "from " + envFile.file() : "from the environment";
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

    /**
     * One message per invalid value of a setting the service needs to start ({@link Setting#neededToStart()}),
     * naming the variable, the value and where it came from. The snapshot holds the default for it, so tools that
     * only read settings keep working; {@link #requireStartable()} refuses to start with it.
     */
    public List<String> startErrors() {
        return startErrors;
    }

    /** @throws InvalidSettingException when {@link #startErrors()} is not empty */
    public void requireStartable() {
        if (!startErrors.isEmpty()) {
            throw new InvalidSettingException(startErrors);
        }
    }

    /** The env file the environment was loaded with ({@link EnvFileReport#NONE} when none). */
    public EnvFileReport envFile() {
        return envFile;
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
