package com.codexmanager.config;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The data behind one {@link Setting}. Built once while the enum initialises; effectively immutable after. */
final class SettingSpec {
    private final Setting.Group group;
    private final SettingType type;
    private final String defaultValue;
    private final String description;
    private long min = Long.MIN_VALUE;
    private long max = Long.MAX_VALUE;
    private List<String> choices = List.of();
    private Map<String, String> aliases = Map.of();
    private UnaryOperator<String> normaliser = UnaryOperator.identity();
    private boolean restartRequired;
    private boolean locked;
    private boolean neededToStart;

    SettingSpec(Setting.Group group, SettingType type, String defaultValue, String description) {
        this.group = group;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    SettingSpec bounds(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min must not exceed max: " + min + " > " + max);
        }
        this.min = min;
        this.max = max;
        return this;
    }

    SettingSpec choices(List<String> choices, Map<String, String> aliases) {
        this.choices = List.copyOf(choices);
        this.aliases = Map.copyOf(aliases);
        return this;
    }

    SettingSpec normaliser(UnaryOperator<String> normaliser) {
        this.normaliser = normaliser;
        return this;
    }

    SettingSpec restart() {
        this.restartRequired = true;
        return this;
    }

    SettingSpec envOnly() {
        this.locked = true;
        this.restartRequired = true;
        return this;
    }

    SettingSpec startCritical() {
        this.neededToStart = true;
        return this;
    }

    boolean neededToStart() {
        return neededToStart;
    }

    Setting.Group group() {
        return group;
    }

    SettingType type() {
        return type;
    }

    String defaultValue() {
        return defaultValue;
    }

    String description() {
        return description;
    }

    boolean hasBounds() {
        return type == SettingType.INTEGER && (min != Long.MIN_VALUE || max != Long.MAX_VALUE);
    }

    long min() {
        return min;
    }

    long max() {
        return max;
    }

    List<String> choices() {
        return choices;
    }

    Map<String, String> aliases() {
        return aliases;
    }

    UnaryOperator<String> normaliser() {
        return normaliser;
    }

    boolean restartRequired() {
        return restartRequired;
    }

    boolean locked() {
        return locked;
    }
}
